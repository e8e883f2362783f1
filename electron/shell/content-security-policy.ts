// The Content-Security-Policy every renderer response carries.

/**
 * Only Berth's own files may run or load; no plugins, frames, forms or base rewriting.
 * 'unsafe-inline' styles are allowed because xterm.js injects <style> elements for its themes;
 * scripts stay 'self' only.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
