//! Work spread over threads while the calling thread feeds it and consumes the results in
//! input order: `check` reads the next files and prints the reports of earlier ones while
//! the other cores analyze. What is in flight is bounded in files and bytes, so memory
//! stays proportional to the largest file.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{mpsc, Mutex};

/// How much work may be in flight at once (at least one item always is).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub items: usize,
    pub bytes: usize,
}

/// Inputs go to the workers in batches of consecutive inputs, up to this many ...
const BATCH_ITEMS: usize = 32;
/// ... or about this many bytes: handing each file to a thread on its own cost more in
/// wake-ups (futex calls, context switches) than analyzing a small file (measured on the
/// dev corpus: 3.3 futex calls per file, most of `check`'s system time after `stat`).
const BATCH_BYTES: usize = 64 << 10;

/// Runs `work` on each input, on `workers` threads, and hands the results to `sink` in
/// input order. Inputs come with their size in bytes. `sink` returns false to stop early.
pub fn ordered<J, R, I, W, S>(inputs: I, workers: usize, limits: Limits, work: W, mut sink: S)
where
    J: Send,
    R: Send,
    I: Iterator<Item = (J, usize)>,
    W: Fn(J) -> R + Sync,
    S: FnMut(R) -> bool,
{
    if workers <= 1 {
        for (job, _) in inputs {
            if !sink(work(job)) {
                return;
            }
        }
        return;
    }
    let (job_tx, job_rx) = mpsc::channel::<(usize, Vec<J>)>();
    let job_rx = Mutex::new(job_rx);
    // A worker that panics sends the panic on: the calling thread resumes it rather than
    // wait for a result that would never come.
    let (done_tx, done_rx) = mpsc::channel::<(usize, std::thread::Result<Vec<R>>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (job_rx, done_tx, work) = (&job_rx, done_tx.clone(), &work);
            scope.spawn(move || loop {
                let next = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok((seq, batch)) = next else { break };
                let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    batch.into_iter().map(work).collect()
                }));
                let panicked = results.is_err();
                if done_tx.send((seq, results)).is_err() || panicked {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut inputs = inputs.fuse();
        let mut exhausted = false;
        // Inputs read and not yet handed to `sink`, and their bytes.
        let (mut in_flight, mut bytes) = (0usize, 0usize);
        let mut batches = Batches {
            tx: job_tx,
            batch: Vec::new(),
            batch_bytes: 0,
            sent: 0,
            sizes: VecDeque::new(),
        };
        let mut emitted = 0usize;
        let mut ready: BTreeMap<usize, Vec<R>> = BTreeMap::new();
        loop {
            let full = in_flight > 0 && (in_flight >= limits.items || bytes >= limits.bytes);
            if !full && !exhausted {
                if let Some((job, size)) = inputs.next() {
                    in_flight += 1;
                    bytes += size;
                    if !batches.push(job, size) {
                        break;
                    }
                    continue;
                }
                exhausted = true;
            }
            // About to wait for results: what was read goes out first.
            if !batches.flush() {
                break;
            }
            if batches.sent == emitted {
                break;
            }
            let Ok((seq, results)) = done_rx.recv() else {
                break;
            };
            let results = results.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            ready.insert(seq, results);
            let mut stop = false;
            while let Some(results) = ready.remove(&emitted) {
                emitted += 1;
                let (count, size) = batches.sizes.pop_front().unwrap_or((0, 0));
                in_flight -= count;
                bytes -= size;
                if !results.into_iter().all(&mut sink) {
                    stop = true;
                    break;
                }
            }
            if stop {
                break;
            }
        }
        // Workers finish what was queued and stop when the queue closes.
        drop(batches);
    });
}

/// Inputs grouped into batches on their way to the workers.
struct Batches<J> {
    tx: mpsc::Sender<(usize, Vec<J>)>,
    /// The batch being filled, and its bytes.
    batch: Vec<J>,
    batch_bytes: usize,
    /// How many batches were sent, and the (inputs, bytes) of those not yet handed on.
    sent: usize,
    sizes: VecDeque<(usize, usize)>,
}

impl<J> Batches<J> {
    /// Adds an input, sending the batch when it is full; false when the workers are gone.
    fn push(&mut self, job: J, size: usize) -> bool {
        self.batch.push(job);
        self.batch_bytes += size;
        if self.batch.len() >= BATCH_ITEMS || self.batch_bytes >= BATCH_BYTES {
            return self.flush();
        }
        true
    }

    /// Sends the batch being filled, if any; false when the workers are gone.
    fn flush(&mut self) -> bool {
        if self.batch.is_empty() {
            return true;
        }
        self.sizes.push_back((self.batch.len(), self.batch_bytes));
        self.batch_bytes = 0;
        let batch = std::mem::take(&mut self.batch);
        let sent = self.tx.send((self.sent, batch)).is_ok();
        self.sent += 1;
        sent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(n: usize, workers: usize, limits: Limits, stop_after: Option<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        ordered(
            (0..n).map(|i| (i, i % 7)),
            workers,
            limits,
            |i| {
                // Uneven work, so results come back out of order.
                std::thread::sleep(std::time::Duration::from_micros(((i * 37) % 11) as u64));
                i * 2
            },
            |r| {
                out.push(r);
                stop_after != Some(out.len())
            },
        );
        out
    }

    /// A panic in the work reaches the caller instead of leaving it waiting (before, the
    /// other workers idled and the caller waited forever for the lost batch).
    #[test]
    fn a_panicking_worker_does_not_hang_the_caller() {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let outcome = std::panic::catch_unwind(|| {
            ordered(
                (0..100).map(|i| (i, 1)),
                2,
                Limits {
                    items: 8,
                    bytes: 1 << 20,
                },
                |i| {
                    assert!(i != 37, "bug");
                    i
                },
                |_| true,
            );
        });
        std::panic::set_hook(hook);
        assert!(outcome.is_err());
    }

    #[test]
    fn results_come_in_input_order() {
        let expected: Vec<usize> = (0..500).map(|i| i * 2).collect();
        for workers in [1, 2, 4] {
            for limits in [
                Limits { items: 1, bytes: 0 },
                Limits {
                    items: 3,
                    bytes: 1 << 20,
                },
                Limits {
                    items: 64,
                    bytes: 10,
                },
            ] {
                assert_eq!(
                    run(500, workers, limits, None),
                    expected,
                    "{workers} {limits:?}"
                );
            }
        }
    }

    #[test]
    fn a_sink_can_stop_early() {
        let limits = Limits {
            items: 8,
            bytes: 1 << 20,
        };
        assert_eq!(
            run(500, 2, limits, Some(10)),
            (0..10).map(|i| i * 2).collect::<Vec<_>>()
        );
        assert!(run(0, 2, limits, None).is_empty());
    }
}
