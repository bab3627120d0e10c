FROM node:24 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
# The Debian packages whose shared libraries the copied files load
RUN find /app -type f \( -name '*.so*' -o -name '*.node' -o -perm -u+x \) -exec ldd '{}' ';' > /tmp/ldd 2>/dev/null \
    && awk '$2 == "=>" && $3 ~ /^\// && !seen[$3]++ { so = $3; sub("^/(usr/)?", "", so); print "*" so }' /tmp/ldd > /tmp/libraries \
    && { xargs -r dpkg-query --search < /tmp/libraries > /tmp/owners 2>/dev/null || true; } \
    && awk -F': ' '!/^diversion / { n = split($1, p, ", "); for (i = 1; i <= n; i++) { sub(":.*", "", p[i]); if (!seen[p[i]]++) print p[i] } }' /tmp/owners > /runtime-packages \
    && rm /tmp/ldd /tmp/libraries /tmp/owners

FROM node:24-slim
COPY --from=build /runtime-packages /runtime-packages
RUN dpkg-query --show --showformat='${Package}\n' > /tmp/installed \
    && awk 'NR == FNR { installed[$0]; next } !($0 in installed)' /tmp/installed /runtime-packages > /tmp/missing \
    && if [ -s /tmp/missing ]; then apt-get update && xargs apt-get install -y --no-install-recommends < /tmp/missing && rm -rf /var/lib/apt/lists/*; fi \
    && rm /runtime-packages /tmp/installed /tmp/missing
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3000
CMD ["node", "dist/server.js"]
