import type { PageProps } from './pageProps';

export const AuditWorkspacePage = (_: PageProps) => <h1>To be built</h1>;
