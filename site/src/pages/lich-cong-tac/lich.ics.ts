import type { APIRoute } from 'astro';
import { isCmsError, layoutSchool, listWorkWeeks } from '../../lib/cms/index.ts';
import { absoluteUrl } from '../../lib/config.ts';
import { cacheAnswer, FEED_CACHE_CONTROL, unavailable } from '../../lib/feeds/respond.ts';
import { ICAL_CONTENT_TYPE, renderCalendar } from '../../lib/ical.ts';
import { SCHOOL_NAME_FALLBACK } from '../../lib/page.ts';
import { addDays, calendarEvents, currentWeekMonday, lastChange, workWeekUrl } from '../../lib/work-weeks.ts';

/** Weeks the feed covers around this one: a phone keeps the recent past and sees the coming weeks. */
const WEEKS_BEFORE = 4;
const WEEKS_AFTER = 8;

/** The weekly work calendar as iCalendar, for staff to subscribe to (the page links it). */
export const GET: APIRoute = async (context) => {
  const thisWeek = currentWeekMonday(new Date());
  let body: string;
  try {
    const [weeks, school] = await Promise.all([
      listWorkWeeks(addDays(thisWeek, -7 * WEEKS_BEFORE), addDays(thisWeek, 7 * WEEKS_AFTER)),
      layoutSchool().catch(() => null),
    ]);
    const name = typeof school?.name === 'string' && school.name ? school.name : SCHOOL_NAME_FALLBACK;
    const site = new URL(absoluteUrl('/'));
    body = renderCalendar({
      productId: `-//${site.host}//Lich cong tac tuan//VI`,
      name: `Lịch công tác – ${name}`,
      description: `Lịch công tác tuần của Ban giám hiệu ${name}.`,
      stamp: lastChange(weeks, new Date(0)),
      events: calendarEvents(weeks, site.hostname, (monday) => absoluteUrl(workWeekUrl(monday))),
    });
  } catch (error) {
    if (isCmsError(error)) return unavailable();
    throw error;
  }
  cacheAnswer(context);
  return new Response(body, { status: 200, headers: { 'Content-Type': ICAL_CONTENT_TYPE, 'Cache-Control': FEED_CACHE_CONTROL } });
};
