// mocha's browser build (mocha/mocha.js): a ready BrowserMocha instance, as in a web page's
// `<script src="mocha.js">`. It works in a web worker (no DOM needed with a non-HTML reporter).
declare module 'mocha/mocha.js' {
  const mocha: BrowserMocha;
  export default mocha;
}
