import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@uswds/uswds/css/uswds.min.css';
import '@trussworks/react-uswds/lib/index.css';
import './styles.css';
import { App } from './App.tsx';
import { ErrorBoundary } from './frame/ErrorBoundary.tsx';
import { FatalError } from './frame/FatalError.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary fallback={() => <FatalError />}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
