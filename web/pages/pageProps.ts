/** What every page is given: its path parameters and the query of the address. */
export interface PageProps {
  params: Record<string, string>;
  query: URLSearchParams;
}
