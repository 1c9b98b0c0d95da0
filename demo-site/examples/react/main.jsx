// Parley in a React app: <ParleyWidget> loads the widget when it mounts and shuts it down when it
// unmounts. Under <StrictMode> React mounts, unmounts and mounts it again at once (development
// builds): load() and shutdown() settle on the last call, so the page gets one widget.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { load, shutdown } from 'parley';

const PARLEY = { baseUrl: '/parley/', attributes: { 'data-config': '/examples/config.json' } };

function ParleyWidget({ plan, onStatus }) {
  // The widget lives as long as the component: loaded on mount, shut down on unmount.
  useEffect(() => {
    onStatus('loading');
    load(PARLEY).then(() => onStatus('ready'), (error) => onStatus(`failed (${error.errorCode}: ${error.errorDescription})`));
    return () => {
      shutdown();
      onStatus('off');
    };
  }, [onStatus]);
  // A prop that changes is a fact for the running widget (no reload: a chat in progress goes on).
  useEffect(() => {
    load(PARLEY).then((parley) => parley.setFact('plan', plan), () => {});
  }, [plan]);
  return null;  // the widget draws itself, outside React's tree
}

function App() {
  const [chat, setChat] = useState(true);
  const [status, setStatus] = useState('off');
  const [path, setPath] = useState(location.pathname);
  const go = (to) => (event) => {
    event.preventDefault();
    history.pushState({}, '', to);  // a route change: Parley sees it as a new page view
    setPath(to);
  };
  return (
    <main>
      <h1>Parley in a React app</h1>
      <p>Route: <output>{path}</output>, chat: <output>{status}</output></p>
      <nav>
        <a href="/examples/react/" onClick={go('/examples/react/')}>Home</a>{' '}
        <a href="/examples/react/pricing" onClick={go('/examples/react/pricing')}>Pricing</a>
      </nav>
      <button type="button" onClick={() => setChat(!chat)}>{chat ? 'Hide the chat' : 'Show the chat'}</button>
      {chat && <ParleyWidget plan="pro" onStatus={setStatus} />}
    </main>
  );
}

createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>);
