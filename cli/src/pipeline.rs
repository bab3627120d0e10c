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
    let (job_tx, job_rx) = mpsc::channel::<(usize, J)>();
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (job_rx, done_tx, work) = (&job_rx, done_tx.clone(), &work);
            scope.spawn(move || loop {
                let next = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok((seq, job)) = next else { break };
                if done_tx.send((seq, work(job))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut inputs = inputs.fuse();
        let mut exhausted = false;
        let (mut submitted, mut emitted, mut bytes) = (0usize, 0usize, 0usize);
        let mut sizes: VecDeque<usize> = VecDeque::new();
        let mut ready: BTreeMap<usize, R> = BTreeMap::new();
        loop {
            let in_flight = submitted - emitted;
            let full = in_flight > 0 && (in_flight >= limits.items || bytes >= limits.bytes);
            if !full && !exhausted {
                if let Some((job, size)) = inputs.next() {
                    if job_tx.send((submitted, job)).is_err() {
                        break;
                    }
                    submitted += 1;
                    sizes.push_back(size);
                    bytes += size;
                    continue;
                }
                exhausted = true;
            }
            if submitted == emitted {
                break;
            }
            let Ok((seq, result)) = done_rx.recv() else {
                break;
            };
            ready.insert(seq, result);
            let mut stop = false;
            while let Some(result) = ready.remove(&emitted) {
                emitted += 1;
                bytes -= sizes.pop_front().unwrap_or(0);
                if !sink(result) {
                    stop = true;
                    break;
                }
            }
            if stop {
                break;
            }
        }
        // Workers finish what was queued and stop when the queue closes.
        drop(job_tx);
    });
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
