FROM python:3.12 AS build
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
WORKDIR /app
RUN apt-get update && apt-get install --no-install-recommends -y gcc libpq-dev
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
# The Debian packages whose shared libraries the copied files load
RUN find /opt/venv /app -type f \( -name '*.so*' -o -name '*.node' -o -perm -u+x \) -exec ldd '{}' ';' 2>/dev/null \
    | awk '/=>/ { so = $(NF-1); gsub("^/(usr/)?", "", so); print "*" so }' | sort -u \
    | xargs -r dpkg-query --search 2>/dev/null | cut -d: -f1 | sort -u > /runtime-packages

FROM python:3.12-slim
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY --from=build /runtime-packages /runtime-packages
RUN dpkg-query --show --showformat='${Package}\n' | sort > /tmp/installed \
    && comm -23 /runtime-packages /tmp/installed > /tmp/missing \
    && if [ -s /tmp/missing ]; then apt-get update && xargs apt-get install -y --no-install-recommends < /tmp/missing && rm -rf /var/lib/apt/lists/*; fi \
    && rm /runtime-packages /tmp/installed /tmp/missing
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
