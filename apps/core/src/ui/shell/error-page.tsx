import { Document, Page } from '@lib/ui';
import type { Chrome, Theme, UiAssets } from '@lib/ui';

/** An error as a page: the shell when the user is known, a bare document otherwise. */
export function ErrorPage(props: {
  status: number;
  title: string;
  message: string;
  chrome?: Chrome;
  assets: UiAssets;
  theme: Theme;
}): JSX.Element {
  const body = (
    <section class="card" aria-labelledby="error-title">
      <h1 id="error-title" safe>
        {`${props.status} · ${props.title}`}
      </h1>
      <p safe>{props.message}</p>
      <p>
        <a href="/dashboard">Back to the dashboard</a>
      </p>
    </section>
  );
  if (props.chrome) {
    return (
      <Page title={props.title} chrome={props.chrome}>
        {body}
      </Page>
    );
  }
  return (
    <Document title={props.title} assets={props.assets} theme={props.theme}>
      <main id="content" class="login">
        {body}
      </main>
    </Document>
  );
}
