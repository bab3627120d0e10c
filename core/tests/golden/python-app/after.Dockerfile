FROM python:3.12 AS build
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
WORKDIR /app
RUN apt-get update && apt-get install --no-install-recommends -y gcc libpq-dev
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
# The Debian packages whose shared libraries the copied files load
RUN find /opt/venv /app -type f \( -name '*.so*' -o -name '*.node' -o -perm -u+x \) -exec ldd '{}' ';' > /tmp/ldd 2>/dev/null \
    && awk '$2 == "=>" && $3 ~ /^\// && !seen[$3]++ { so = $3; sub("^/(usr/)?", "", so); print "*" so }' /tmp/ldd > /tmp/libraries \
    && { xargs -r dpkg-query --search < /tmp/libraries > /tmp/owners 2>/dev/null || true; } \
    && awk -F': ' '!/^diversion / { n = split($1, p, ", "); for (i = 1; i <= n; i++) { sub(":.*", "", p[i]); if (!seen[p[i]]++) print p[i] } }' /tmp/owners > /runtime-packages \
    && rm /tmp/ldd /tmp/libraries /tmp/owners

FROM python:3.12-slim
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY --from=build /runtime-packages /runtime-packages
RUN dpkg-query --show --showformat='${Package}\n' > /tmp/installed \
    && awk 'NR == FNR { installed[$0]; next } !($0 in installed)' /tmp/installed /runtime-packages > /tmp/missing \
    && if [ -s /tmp/missing ]; then apt-get update && xargs apt-get install -y --no-install-recommends < /tmp/missing && rm -rf /var/lib/apt/lists/*; fi \
    && rm /runtime-packages /tmp/installed /tmp/missing
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
