import { createPinia } from 'pinia'
import { createApp } from 'vue'

import App from './App.vue'
import { watchAria } from './lib/aria-fixes'
import './styles.css'

// Naive UI's modals and card headers miss a dialog name and a heading level: added as they appear.
watchAria(document.body)

createApp(App).use(createPinia()).mount('#app')
