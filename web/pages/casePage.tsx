import type { PageProps } from './pageProps';

export const CasePage = (_: PageProps) => <h1>To be built</h1>;
