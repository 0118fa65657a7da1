import { createPinia } from 'pinia'
import { createApp } from 'vue'

import App from './App.vue'
import { watchAria } from './lib/aria-fixes'
import { prefetchStartup } from './stores/startup'
import './styles.css'

// The first screen's data is on its way from main while the app mounts.
prefetchStartup()

// Naive UI's modals and card headers miss a dialog name and a heading level: added as they appear.
watchAria(document.body)

createApp(App).use(createPinia()).mount('#app')
