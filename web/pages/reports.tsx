import type { PageProps } from './pageProps';

export const ReportsPage = (_: PageProps) => <h1>Reports</h1>;
export const ReportPage = (_: PageProps) => <h1>Report</h1>;
