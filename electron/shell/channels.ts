// The two IPC channels between the preload bridge and the main process; nothing else is listened to.

/** Renderer -> main: one API call, answered with an ApiResponse. */
export const invokeChannel = 'berth:invoke';

/** Main -> renderer: one ApiEvent pushed to the window. */
export const eventChannel = 'berth:event';
