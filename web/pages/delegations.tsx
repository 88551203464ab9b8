import type { PageProps } from './pageProps';

export const DelegationsPage = (_: PageProps) => <h1>Delegations</h1>;
export const DelegationPage = (_: PageProps) => <h1>Delegation</h1>;
