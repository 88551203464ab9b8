import type { PageProps } from './pageProps';

export const AuditCasePage = (_: PageProps) => <h1>To be built</h1>;
