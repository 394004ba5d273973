/** The app's two languages: Vietnamese first, English second. No React, so that db (which stores the choice) may use it. */
export type Language = 'vi' | 'en';

export const LANGUAGES: readonly Language[] = ['vi', 'en'];
