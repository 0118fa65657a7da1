/**
 * The Naive UI themes. Light is Naive's default (each component brings its own light style); dark
 * is built with `createTheme` from only the components this app uses, so the bundle does not
 * carry the dark style of every Naive component (the global `darkTheme` would).
 *
 * Colours are chosen for WCAG AA: body and secondary text ≥ 4.5:1 on cards and the page, in both
 * themes. The same palette is exposed to plain CSS as --fx-* custom properties (styles.css).
 * Sizes follow the Text size setting (the root font size), so it scales the whole UI.
 */
import {
  alertDark,
  autoCompleteDark,
  buttonDark,
  cardDark,
  checkboxDark,
  collapseDark,
  commonDark,
  createTheme,
  dataTableDark,
  datePickerDark,
  dialogDark,
  dividerDark,
  drawerDark,
  dropdownDark,
  emptyDark,
  formDark,
  inputDark,
  inputNumberDark,
  messageDark,
  modalDark,
  popconfirmDark,
  popoverDark,
  progressDark,
  radioDark,
  selectDark,
  sliderDark,
  spinDark,
  stepsDark,
  switchDark,
  tableDark,
  tabsDark,
  tagDark,
  tooltipDark,
  type GlobalTheme,
  type GlobalThemeOverrides
} from 'naive-ui'

import type { ResolvedTheme } from '../stores/settings'

/**
 * Dark styles of the Naive components in use. A component missing here falls back to its light
 * style in the dark theme: add its `…Dark` when you start using a new Naive component.
 */
export const darkUiTheme: GlobalTheme = {
  ...createTheme('fx-dark', [
    alertDark,
    autoCompleteDark,
    buttonDark,
    cardDark,
    checkboxDark,
    collapseDark,
    dataTableDark,
    datePickerDark,
    dialogDark,
    dividerDark,
    drawerDark,
    dropdownDark,
    emptyDark,
    formDark,
    inputDark,
    inputNumberDark,
    messageDark,
    modalDark,
    popconfirmDark,
    popoverDark,
    progressDark,
    radioDark,
    selectDark,
    sliderDark,
    spinDark,
    stepsDark,
    switchDark,
    tableDark,
    tabsDark,
    tagDark,
    tooltipDark
  ]),
  common: commonDark
}

const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, Cantarell, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif"
const MONO =
  "ui-monospace, 'SFMono-Regular', 'JetBrains Mono', 'Cascadia Code', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace"

/** The palette, shared by Naive (overrides) and plain CSS (--fx-* in styles.css). */
export const PALETTE = {
  light: {
    body: '#f5f6f8',
    card: '#ffffff',
    popover: '#ffffff',
    code: '#f0f2f5',
    text: '#1a1d23',
    text2: '#2b3038',
    muted: '#565d69',
    border: '#cfd4dc',
    divider: '#e3e6eb',
    hover: '#eef1f5',
    primary: '#1d5bd0',
    primaryHover: '#2f6ae0',
    primaryPressed: '#1747a8',
    info: '#1d5bd0',
    success: '#17703a',
    successHover: '#1d8546',
    warning: '#8a5a00',
    warningHover: '#a36b00',
    error: '#b42318',
    errorHover: '#c8372c'
  },
  dark: {
    body: '#14161b',
    card: '#1b1e25',
    popover: '#252932',
    code: '#111318',
    text: '#eceef2',
    text2: '#d5d9e0',
    muted: '#a2a9b6',
    border: '#3a404c',
    divider: '#2b3039',
    hover: '#262a33',
    primary: '#78a6f8',
    primaryHover: '#92b8fa',
    primaryPressed: '#5d8ee8',
    info: '#78a6f8',
    success: '#6fd48f',
    successHover: '#74d593',
    warning: '#e8bd5c',
    warningHover: '#ebc170',
    error: '#f79a91',
    errorHover: '#f59d96'
  }
} as const

/**
 * Naive's common sizes, in rem at 100 %. Naive measures some of them in script (the option
 * height of a select's virtual list), so they are handed over in px, scaled by the text size.
 */
const SIZES_REM = {
  fontSize: 0.875,
  fontSizeMini: 0.75,
  fontSizeTiny: 0.75,
  fontSizeSmall: 0.8125,
  fontSizeMedium: 0.875,
  fontSizeLarge: 0.9375,
  fontSizeHuge: 1,
  heightMini: 1,
  heightTiny: 1.375,
  heightSmall: 1.75,
  heightMedium: 2.125,
  heightLarge: 2.5,
  heightHuge: 2.875
}

/** The sizes in px at a text size (percent). */
export function sizesAt(textSize: number): Record<keyof typeof SIZES_REM, string> {
  const px = (rem: number): string => `${Math.round(rem * 16 * (textSize / 100) * 100) / 100}px`
  return Object.fromEntries(
    Object.entries(SIZES_REM).map(([key, rem]) => [key, px(rem)])
  ) as Record<keyof typeof SIZES_REM, string>
}

export function uiTheme(theme: ResolvedTheme): GlobalTheme | null {
  return theme === 'dark' ? darkUiTheme : null
}

export function themeOverrides(theme: ResolvedTheme, textSize = 100): GlobalThemeOverrides {
  const p = PALETTE[theme]
  return {
    common: {
      ...sizesAt(textSize),
      fontFamily: FONT,
      fontFamilyMono: MONO,
      borderRadius: '6px',
      primaryColor: p.primary,
      primaryColorHover: p.primaryHover,
      primaryColorPressed: p.primaryPressed,
      primaryColorSuppl: p.primary,
      infoColor: p.info,
      infoColorHover: p.primaryHover,
      infoColorPressed: p.primaryPressed,
      infoColorSuppl: p.info,
      successColor: p.success,
      successColorHover: p.successHover,
      successColorPressed: p.success,
      successColorSuppl: p.success,
      warningColor: p.warning,
      warningColorHover: p.warningHover,
      warningColorPressed: p.warning,
      warningColorSuppl: p.warning,
      errorColor: p.error,
      errorColorHover: p.errorHover,
      errorColorPressed: p.error,
      errorColorSuppl: p.error,
      bodyColor: p.body,
      cardColor: p.card,
      modalColor: p.card,
      popoverColor: p.popover,
      tableColor: p.card,
      codeColor: p.code,
      textColorBase: p.text,
      textColor1: p.text,
      textColor2: p.text2,
      textColor3: p.muted,
      // Placeholders are hints, yet people read them: keep them at AA too.
      placeholderColor: p.muted,
      borderColor: p.border,
      dividerColor: p.divider,
      hoverColor: p.hover
    },
    Tooltip: { color: theme === 'dark' ? '#3a404c' : '#1f2329', textColor: '#ffffff' }
  }
}
