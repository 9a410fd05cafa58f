# Derivable as a container: build the site with Node, serve dist/ with
# Debian's nginx (deploy/nginx.conf, tested by tests/e2e/nginx.spec.ts).
#   docker build -t derivable . && docker run --rm -p 8080:80 derivable

# Node 24: the version package.json pins (devDependency `node`).
FROM node:24-bookworm-slim AS build
WORKDIR /site
ENV ASTRO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# npm install, not npm ci (README: the lockfile is made where the registry lags).
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npx tsx scripts/nginx-csp.ts dist > derivable-csp.conf

# The same nginx as the test: Debian bookworm's, with its Brotli module.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-filter \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log
COPY deploy/nginx.conf /etc/nginx/conf.d/derivable.conf
COPY deploy/headers.conf /etc/nginx/snippets/derivable-headers.conf
COPY --from=build /site/derivable-csp.conf /etc/nginx/snippets/derivable-csp.conf
COPY --from=build /site/dist /srv/derivable
EXPOSE 80
CMD ["nginx", "-g", "daemon off;"]
