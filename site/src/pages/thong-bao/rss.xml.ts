import type { APIRoute } from 'astro';
import { feedResponse } from '../../lib/feeds/respond.ts';

export const GET: APIRoute = (context) => feedResponse('announcement', context);
