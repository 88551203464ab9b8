import type { PageProps } from './pageProps';

export const StartChooserPage = (_: PageProps) => <h1>Start a case</h1>;
export const StartCasePage = (_: PageProps) => <h1>Start a case</h1>;
