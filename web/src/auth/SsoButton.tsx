import { useEffect, useState } from 'react';
import { fetchOidcConfig, oidcStartPath, type OidcConfig } from '../api/auth.ts';

/**
 * The single sign-on button ('Sign in with single sign-on' unless CASELINE_OIDC_LABEL
 * says otherwise), when GET /api/auth/oidc says it is enabled. A plain link: the sign-in
 * is a full-page round trip to the identity provider.
 */
export function SsoButton() {
  const [config, setConfig] = useState<OidcConfig | null>(null);
  useEffect(() => {
    let live = true;
    void fetchOidcConfig().then((c) => live && setConfig(c));
    return () => {
      live = false;
    };
  }, []);
  if (!config?.enabled) return null;
  return (
    <div className="caseline-sso margin-top-4 padding-top-3 border-top border-base-lighter">
      <h2 className="font-heading-md margin-top-0">Or use your organisation’s account</h2>
      <a className="usa-button usa-button--outline" href={oidcStartPath}>
        {config.label}
      </a>
    </div>
  );
}
