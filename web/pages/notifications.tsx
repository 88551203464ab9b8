import type { PageProps } from './pageProps';

export const NotificationsPage = (_: PageProps) => <h1>To be built</h1>;
