//! Official images whose `ENTRYPOINT` script reads its first argument: given the server's
//! own name, it prepares the container (creates and owns the data directory, initialises a
//! database, drops root, runs `/docker-entrypoint.d`) before it runs the command; given
//! anything else, it runs the command as it is.
//!
//! A shell-form `CMD` reaches such a script as `/bin/sh -c "<command>"`, so the first argument
//! is `/bin/sh` and the preparation is skipped; the same command in JSON form is prepared.
//! Rewriting one into the other changes what the container does at start.
//!
//! Facts read 2026-12-06 from the images' `docker-entrypoint.sh` as published by
//! docker-library (and nginxinc for nginx) and quoted in public repositories.

/// One image's entrypoint and the first arguments it treats specially.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DispatchingEntrypoint {
    /// The official image, as `FROM` names it without a tag: `postgres`.
    pub image: &'static str,
    /// First arguments that start the preparation; a trailing `*` matches any word with
    /// that beginning (`rabbitmq*`: `rabbitmq-server`).
    pub first_words: &'static [&'static str],
    /// What the script does with them.
    pub does: &'static str,
    pub source: &'static str,
    /// When the source was read.
    pub checked: &'static str,
}

pub(crate) static DISPATCHING_ENTRYPOINTS: &[DispatchingEntrypoint] = &[
    DispatchingEntrypoint {
        image: "postgres",
        first_words: &["postgres"],
        does: "creates the cluster and runs the server as `postgres`",
        source: "docker-library/postgres docker-entrypoint.sh (`if [ \"$1\" = 'postgres' ] && ! _pg_want_help`)",
        checked: "2026-12-06",
    },
    DispatchingEntrypoint {
        image: "mysql",
        first_words: &["mysqld"],
        does: "initialises the database and runs the server as `mysql`",
        source: "docker-library/mysql docker-entrypoint.sh (`if [ \"$1\" = 'mysqld' ]`)",
        checked: "2026-12-06",
    },
    DispatchingEntrypoint {
        image: "mariadb",
        first_words: &["mariadbd", "mysqld"],
        does: "initialises the database and runs the server as `mysql`",
        source: "MariaDB/mariadb-docker docker-entrypoint.sh (`mariadbd` or `mysqld`)",
        checked: "2026-12-06",
    },
    DispatchingEntrypoint {
        image: "mongo",
        first_words: &["mongod"],
        does: "owns the data directories and runs the server as `mongodb`",
        source: "docker-library/mongo docker-entrypoint.sh (`if [ \"$1\" = 'mongod' -a \"$(id -u)\" = '0' ]`)",
        checked: "2026-12-06",
    },
    DispatchingEntrypoint {
        image: "redis",
        first_words: &["redis-server"],
        does: "owns `/data` and runs the server as `redis`",
        source: "docker-library/redis docker-entrypoint.sh (`if [ \"$1\" = 'redis-server' -a \"$(id -u)\" = '0' ]`)",
        checked: "2026-12-06",
    },
    DispatchingEntrypoint {
        image: "nginx",
        first_words: &["nginx", "nginx-debug"],
        does: "runs the scripts in `/docker-entrypoint.d` (templates, IPv6 listen, workers)",
        source: "nginxinc/docker-nginx docker-entrypoint.sh, since 1.19 (`if [ \"$1\" = \"nginx\" ] || [ \"$1\" = \"nginx-debug\" ]`)",
        checked: "2026-12-06",
    },
    DispatchingEntrypoint {
        image: "rabbitmq",
        first_words: &["rabbitmq*"],
        does: "runs the server as `rabbitmq`",
        source: "docker-library/rabbitmq docker-entrypoint.sh (`if [[ \"$1\" == rabbitmq* ]] && [ \"$(id -u)\" = '0' ]`)",
        checked: "2026-12-06",
    },
    DispatchingEntrypoint {
        image: "haproxy",
        first_words: &["haproxy"],
        does: "adds `-W -db` (master-worker, in the foreground)",
        source: "docker-library/haproxy docker-entrypoint.sh (`if [ \"$1\" = 'haproxy' ]`)",
        checked: "2026-12-06",
    },
    DispatchingEntrypoint {
        image: "wordpress",
        first_words: &["apache2*", "php-fpm"],
        does: "copies WordPress into the document root and writes `wp-config.php`",
        source: "docker-library/wordpress docker-entrypoint.sh (`if [[ \"$1\" == apache2* ]] || [ \"$1\" = 'php-fpm' ]`)",
        checked: "2026-12-06",
    },
    DispatchingEntrypoint {
        image: "cassandra",
        first_words: &["cassandra"],
        does: "owns the data directories and runs the server as `cassandra`",
        source: "docker-library/cassandra docker-entrypoint.sh (`if [ \"$1\" = 'cassandra' -a \"$(id -u)\" = '0' ]`)",
        checked: "2026-12-06",
    },
];

/// The entrypoint of official image `image` when it treats `program` (a command's first
/// word) specially.
pub(crate) fn dispatching_entrypoint(
    image: &str,
    program: &str,
) -> Option<&'static DispatchingEntrypoint> {
    DISPATCHING_ENTRYPOINTS.iter().find(|e| {
        e.image == image
            && e.first_words
                .iter()
                .any(|word| match word.strip_suffix('*') {
                    Some(prefix) => program.starts_with(prefix),
                    None => program == *word,
                })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_started_by_name_is_prepared_by_its_entrypoint() {
        assert_eq!(
            dispatching_entrypoint("redis", "redis-server").map(|e| e.image),
            Some("redis")
        );
        assert!(dispatching_entrypoint("rabbitmq", "rabbitmq-server").is_some());
        assert!(dispatching_entrypoint("wordpress", "apache2-foreground").is_some());
    }

    #[test]
    fn every_row_has_its_source_and_date() {
        for row in DISPATCHING_ENTRYPOINTS {
            assert!(
                !row.source.is_empty() && !row.first_words.is_empty(),
                "{row:?}"
            );
            assert_eq!(row.checked.len(), 10, "{row:?}");
        }
    }

    #[test]
    fn other_programs_and_images_are_run_as_they_are() {
        assert!(dispatching_entrypoint("redis", "/bin/sh").is_none());
        assert!(dispatching_entrypoint("node", "node").is_none());
        assert!(dispatching_entrypoint("postgres", "postgresql").is_none());
    }
}
