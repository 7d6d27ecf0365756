/// <reference types="vite/client" />
// Entry point: mount the page.
import { mount } from 'svelte';
import '@xterm/xterm/css/xterm.css';
import './ui/global.css';
import App from './ui/App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });
