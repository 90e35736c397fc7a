import { ApiTokensPanel } from '../account/ApiTokensPanel.tsx';
import { Page } from '../frame/Page.tsx';
import { MasterKeyPanel } from './MasterKeyPanel.tsx';

export function SettingsPage() {
  return (
    <Page title="Settings">
      <MasterKeyPanel />
      <section aria-labelledby="settings-tokens-heading" className="margin-top-6 border-top border-base-lighter padding-top-2">
        <h2 id="settings-tokens-heading">API tokens</h2>
        <ApiTokensPanel level={3} />
      </section>
    </Page>
  );
}
