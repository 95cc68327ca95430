// @ts-check
/**
 * What a web server answers for a path no API serves: a plain 404 page, not the vendor's JSON envelope,
 * so that a wrong base URL path cannot pass for "record not found".
 * @param {{ method: string, path: string }} request @returns {import('./index').Reply}
 */
function routeMiss(request) {
	return { status: 404, raw: `<!DOCTYPE html><html><body><pre>Cannot ${request.method} ${request.path}</pre></body></html>` };
}

module.exports = { routeMiss };
