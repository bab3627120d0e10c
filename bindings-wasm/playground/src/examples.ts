// The examples menu: a Dockerfile each, and the build context it would be built from
// (file list and sizes), so the context rules and the rewrites that need one show.

import type { ContextFile } from "slimfile-wasm";

export interface Example {
    id: string;
    title: string;
    dockerfile: string;
    /** The build context the example comes with. */
    files: ContextFile[];
    dockerignore: string | null;
}

const f = (path: string, size: number): ContextFile => ({ path, size });

const nodeFiles = [
    f("package.json", 612),
    f("package-lock.json", 52_311),
    f("server.js", 948),
    f("src/routes.js", 2_310),
    f("node_modules/express/index.js", 224),
    f("node_modules/express/package.json", 1_204),
    f(".git/HEAD", 23),
    f(".git/config", 310),
    f(".env", 96),
    f("logs/app.log", 48_213),
];

export const EXAMPLES: Example[] = [
    {
        id: "node",
        title: "Node.js",
        dockerfile: `FROM node:latest
WORKDIR /app
COPY . .
RUN npm install
EXPOSE 3000
CMD ["node", "server.js"]
`,
        files: nodeFiles,
        dockerignore: null,
    },
    {
        id: "python",
        title: "Python",
        dockerfile: `FROM python:3.13
WORKDIR /srv
RUN apt-get update && apt-get install -y gcc libpq-dev
COPY . /srv
RUN pip install -r requirements.txt
ENV FLASK_APP=app.py
USER root
CMD python -m flask run --host=0.0.0.0
`,
        files: [
            f("requirements.txt", 180),
            f("app.py", 3_120),
            f("templates/index.html", 1_450),
            f("__pycache__/app.cpython-313.pyc", 5_210),
            f(".venv/bin/python", 16_000),
            f(".git/HEAD", 23),
        ],
        dockerignore: ".git\n",
    },
    {
        id: "go",
        title: "Go",
        dockerfile: `FROM golang:1.24
WORKDIR /src
COPY . .
RUN go build -o /bin/api ./cmd/api
EXPOSE 8080
ENTRYPOINT /bin/api
`,
        files: [
            f("go.mod", 310),
            f("go.sum", 9_800),
            f("cmd/api/main.go", 2_400),
            f("internal/store/store.go", 5_100),
            f(".git/HEAD", 23),
        ],
        dockerignore: null,
    },
    {
        id: "java",
        title: "Java (Maven)",
        dockerfile: `FROM maven:3.9-eclipse-temurin-21
WORKDIR /app
ADD . /app
RUN mvn package
RUN apt-get update
RUN apt-get install -y curl
EXPOSE 8080
CMD ["java", "-jar", "target/app.jar"]
`,
        files: [
            f("pom.xml", 4_120),
            f("src/main/java/com/example/App.java", 1_980),
            f("target/app.jar", 18_400_000),
            f(".idea/workspace.xml", 9_000),
        ],
        dockerignore: null,
    },
    {
        id: "multi-stage",
        title: "Multi-stage",
        dockerfile: `# syntax=docker/dockerfile:1
FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginx:latest
COPY --from=build /app/dist /usr/share/nginx/html
RUN apt-get update && apt-get install -y curl
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
`,
        files: [
            f("package.json", 820),
            f("package-lock.json", 210_000),
            f("src/main.ts", 4_000),
            f("index.html", 700),
            f(".gitignore", 40),
        ],
        dockerignore: "node_modules\ndist\n.git\n",
    },
];

export const DEFAULT_EXAMPLE = EXAMPLES[0];

export const DEFAULT_SETTINGS = `# slimfile.toml: the same settings as the slimfile command reads.
# select = ["ALL"]
# ignore = ["DL3008"]
prefer = "slim"

[severity]
# DL3009 = "warning"
`;
