import { Page } from '../frame/Page.tsx';
import { ApiTokensPanel } from './ApiTokensPanel.tsx';

export function ApiTokensPage() {
  return (
    <Page title="API tokens">
      <ApiTokensPanel />
    </Page>
  );
}
