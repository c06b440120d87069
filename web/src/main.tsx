import { render } from 'preact';
import { App } from './app';
import { interceptLinks } from './state/location';
import './styles.css';

const root = document.getElementById('app');
if (root !== null) {
  interceptLinks(document.body);
  render(<App />, root);
}
