// Parley in a Vue app: <ParleyWidget> loads the widget when it is mounted and shuts it down when
// it is unmounted (v-if). Render functions, so the app needs no template compiler.
import { createApp, defineComponent, h, onBeforeUnmount, onMounted, ref } from 'vue';
import { load, shutdown } from 'parley';

const ParleyWidget = defineComponent({
  props: { config: String, plan: String },
  setup(props) {
    onMounted(() => {
      load({ baseUrl: '/parley/', attributes: { 'data-config': props.config } })
        .then((parley) => parley.setFact('plan', props.plan))
        .catch((error) => console.error(`Parley did not load (${error.errorCode}): ${error.errorDescription}`));
    });
    onBeforeUnmount(shutdown);
    return () => null;  // the widget draws itself, outside Vue's tree
  },
});

const App = defineComponent({
  setup() {
    const chat = ref(true);
    const path = ref(location.pathname);
    const link = (to, text) => h('a', {
      href: to,
      onClick: (event) => {
        event.preventDefault();
        history.pushState({}, '', to);  // a route change: Parley sees it as a new page view
        path.value = to;
      },
    }, text);
    return () => h('main', [
      h('h1', 'Parley in a Vue app'),
      h('p', ['Route: ', h('output', path.value)]),
      h('nav', [link('/examples/vue/', 'Home'), ' ', link('/examples/vue/pricing', 'Pricing')]),
      h('button', { type: 'button', onClick: () => { chat.value = !chat.value; } }, chat.value ? 'Hide the chat' : 'Show the chat'),
      chat.value ? h(ParleyWidget, { config: '/examples/config.json', plan: 'pro' }) : null,
    ]);
  },
});

createApp(App).mount('#root');
