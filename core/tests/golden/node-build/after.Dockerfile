FROM node:24 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
# The Debian packages whose shared libraries the copied files load
RUN find /app -type f \( -name '*.so*' -o -name '*.node' -o -perm -u+x \) -exec ldd '{}' ';' 2>/dev/null \
    | awk '/=>/ { so = $(NF-1); gsub("^/(usr/)?", "", so); print "*" so }' | sort -u \
    | xargs -r dpkg-query --search 2>/dev/null | cut -d: -f1 | sort -u > /runtime-packages

FROM node:24-slim
COPY --from=build /runtime-packages /runtime-packages
RUN dpkg-query --show --showformat='${Package}\n' | sort > /tmp/installed \
    && comm -23 /runtime-packages /tmp/installed > /tmp/missing \
    && if [ -s /tmp/missing ]; then apt-get update && xargs apt-get install -y --no-install-recommends < /tmp/missing && rm -rf /var/lib/apt/lists/*; fi \
    && rm /runtime-packages /tmp/installed /tmp/missing
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3000
CMD ["node", "dist/server.js"]
