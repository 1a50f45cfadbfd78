// jest resolver. Under module Node16 a dynamic import() stays as written in the build, so its
// relative specifier names the compiled file ('./adapter.js', loaded on demand by Node); jest
// runs the sources, where that file is './adapter.ts'. Everything else resolves as by default.
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    if (!/^\.\.?\/.+\.js$/.test(request)) throw error;
    return options.defaultResolver(`${request.slice(0, -'.js'.length)}.ts`, options);
  }
};
