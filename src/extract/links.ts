import type { ResourceKind } from '../model/records.js';
import type { LabelRole } from './vocabulary.js';

/** What a link on a meetup page points at. */

const CODE_HOSTS = new Set(['github.com', 'gitee.com', 'gitlab.com']);
/** First path segments on code hosts that are site pages, not owners. */
const SITE_PAGES = new Set(['orgs', 'topics', 'features', 'marketplace', 'sponsors', 'settings', 'about', 'explore', 'collections', 'apps', 'login', 'join', 'search', 'trending', 'pricing']);

export interface ProjectRef {
  readonly slug: string;
  readonly url: string;
  readonly name: string;
}

/**
 * `github.com/Owner/Repo/...` → `owner/repo`; `github.com/Owner` → `owner`; other code hosts keep
 * their host (`gitee.com/a/b`). Null for anything that is not a code-hosting link.
 */
export function projectOf(href: string): ProjectRef | null {
  const url = safeUrl(href);
  if (!url) return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (!CODE_HOSTS.has(host)) return null;
  let parts = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  if (parts[0] && SITE_PAGES.has(parts[0].toLowerCase())) {
    if (parts[0].toLowerCase() !== 'orgs') return null;
    parts = parts.slice(1, 2);
  }
  const owner = parts[0]?.toLowerCase();
  if (!owner) return null;
  const repo = parts[1]?.replace(/\.git$/i, '').toLowerCase();
  const path = repo ? `${owner}/${repo}` : owner;
  const slug = host === 'github.com' ? path : `${host}/${path}`;
  return { slug, url: `https://${host}/${path}`, name: repo ?? owner };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** An http(s) address; a protocol-relative one (`//player.example.com/…`, as embeds write it) is read as https. */
export function safeUrl(href: string): URL | null {
  try {
    const trimmed = href.trim();
    const url = new URL(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

const KIND_OF_ROLE: Partial<Record<LabelRole, ResourceKind>> = {
  slides: 'SLIDES',
  video: 'VIDEO',
  livestream: 'LIVESTREAM',
  signup: 'SIGNUP',
  recap: 'RECAP',
};

/** The kind a label gives the links under it ("资料下载" → SLIDES), if it names one. */
export function kindOfLabel(role: LabelRole | null): ResourceKind | null {
  return role ? (KIND_OF_ROLE[role] ?? null) : null;
}

const SLIDE_FILE = /\.(pdf|pptx?|key|odp)$/i;
const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtu\.be|vimeo\.com|v\.qq\.com|youku\.com|ixigua\.com)$/i;

/**
 * The kind a link's own shape tells: a live room, a video page, a slide file.
 * Null when only the surrounding words could tell.
 */
export function kindOfUrl(href: string, text: string): ResourceKind | null {
  const url = safeUrl(href);
  if (!url) return null;
  const host = url.hostname.toLowerCase();
  if (/^live\./.test(host) || /直播/.test(text)) return 'LIVESTREAM';
  // A channel, a user's page or a site's home lists recordings but is none.
  if (isChannelHome(host, url.pathname)) return null;
  if (VIDEO_HOSTS.test(host) || isVideoPlayer(host, url.pathname)) return 'VIDEO';
  if (/回放|视频|replay|recording|video/i.test(text)) return 'VIDEO';
  if (SLIDE_FILE.test(url.pathname) || /\bppt\b|slides|幻灯片|课件/i.test(text)) return 'SLIDES';
  if (isEventPage(host, url.pathname)) return 'SIGNUP';
  if (/报名|register|sign\s*up|rsvp/i.test(text)) return 'SIGNUP';
  if (/回顾|recap/i.test(text)) return 'RECAP';
  return null;
}

/** Whether the address alone is an event's sign-up page (meetup.com, Eventbrite, Luma, 活动行). */
export function isSignupPage(href: string): boolean {
  const url = safeUrl(href);
  return !!url && isEventPage(url.hostname.toLowerCase(), url.pathname);
}

/** An event's page on a platform people sign up on (meetup.com, Eventbrite, Luma, 活动行). */
function isEventPage(host: string, path: string): boolean {
  if (/(^|\.)meetup\.com$/.test(host)) return /\/events\/\d+/.test(path);
  if (/(^|\.)eventbrite\.[a-z.]+$/.test(host)) return path.startsWith('/e/');
  if (host === 'lu.ma' || host === 'luma.com') return path.length > 1;
  if (/(^|\.)(huodongxing\.com|bagevent\.com)$/.test(host)) return path.startsWith('/event');
  return false;
}

/** youtube.com/c/…, /channel/…, /@handle, /user/…, a bare video host, space.bilibili.com. */
function isChannelHome(host: string, path: string): boolean {
  if (/(^|\.)youtube\.com$/.test(host)) return path === '/' || path === '' || /^\/(?:c|channel|user|@[^/]+)(?:\/|$)/.test(path) || path.startsWith('/@');
  if (/(^|\.)vimeo\.com$/.test(host) && !host.startsWith('player.')) return !/^\/\d+/.test(path);
  return host === 'space.bilibili.com';
}

/** A video's page or embedded player on a host that also has channels and live rooms. */
function isVideoPlayer(host: string, path: string): boolean {
  if (host.endsWith('bilibili.com')) return path.startsWith('/video') || host === 'player.bilibili.com';
  return /(^|\.)(player\.vimeo\.com)$/.test(host) || (/(^|\.)youtube(-nocookie)?\.com$/.test(host) && path.startsWith('/embed/'));
}

const IMAGE_FILE = /\.(png|jpe?g|gif|webp|svg|bmp)$/i;

/** Images are illustrations, never resources a visitor follows. */
export function isImageUrl(href: string): boolean {
  const url = safeUrl(href);
  return !!url && IMAGE_FILE.test(url.pathname);
}

/** Link text that says nothing about what it leads to ("戳这里", "here", the address itself). */
export function isGenericLinkText(text: string): boolean {
  return /^(?:戳这里|点击这里|点击链接|点击下载资料|点击观看|这里|点此|链接|下载|查看|here|link|download|slides?|video|https?:\/\/\S+)$/iu.test(text.trim());
}

/** Link text that says the link is not there yet ("待直播后更新", "敬请期待", "coming soon"). */
export function isPlaceholderText(text: string): boolean {
  return /待.{0,6}更新|敬请期待|即将上线|稍后更新|coming soon|\bTBD\b|\bTBA\b/iu.test(text);
}
