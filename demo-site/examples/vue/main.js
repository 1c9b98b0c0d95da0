// Parley in a Vue app: <ParleyWidget> loads the widget when it is mounted and shuts it down when
// it is unmounted (v-if). Render functions, so the app needs no template compiler.
import { createApp, defineComponent, h, onBeforeUnmount, onMounted, ref } from 'vue';
import { load, shutdown } from 'parley';

const ParleyWidget = defineComponent({
  props: { config: String, plan: String },
  emits: ['status'],
  setup(props, { emit }) {
    onMounted(() => {
      emit('status', 'loading');
      load({ baseUrl: '/parley/', attributes: { 'data-config': props.config } }).then((parley) => {
        parley.setFact('plan', props.plan);
        emit('status', 'ready');
      }, (error) => emit('status', `failed (${error.errorCode}: ${error.errorDescription})`));
    });
    onBeforeUnmount(() => {
      shutdown();
      emit('status', 'off');
    });
    return () => null;  // the widget draws itself, outside Vue's tree
  },
});

const App = defineComponent({
  setup() {
    const chat = ref(true);
    const status = ref('off');
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
      h('p', ['Route: ', h('output', path.value), ', chat: ', h('output', status.value)]),
      h('nav', [link('/examples/vue/', 'Home'), ' ', link('/examples/vue/pricing', 'Pricing')]),
      h('button', { type: 'button', onClick: () => { chat.value = !chat.value; } }, chat.value ? 'Hide the chat' : 'Show the chat'),
      chat.value ? h(ParleyWidget, { config: '/examples/config.json', plan: 'pro', onStatus: (s) => { status.value = s; } }) : null,
    ]);
  },
});

createApp(App).mount('#root');
