import type { APIRoute } from 'astro';
import { answerImage } from '../../../../../lib/images/respond.ts';

/** One version of one transformed CMS image (see lib/images/respond.ts). */
export const GET: APIRoute = ({ request, params }) => answerImage(request, params);
