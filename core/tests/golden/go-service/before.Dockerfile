FROM golang:1.27
WORKDIR /src
COPY . .
RUN go mod download
RUN go build -o /usr/local/bin/server ./cmd/server
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/server"]
