import type { APIRoute } from 'astro';
import { answerImage } from '../../../../lib/images/respond.ts';

/** /anh/<width>/<format>/<name> without a version: redirects to the file's current version (or 404). */
export const GET: APIRoute = ({ request, params }) => answerImage(request, { width: params.width, format: params.format, name: params.name });
