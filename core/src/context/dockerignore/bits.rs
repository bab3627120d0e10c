//! A tiny fixed-size bit set that lives on the stack for small sizes.
//!
//! Used for NFA state sets and for per-path-level flags, so that matching a
//! path against the usual short patterns does not touch the heap.

/// Number of `u64` words kept inline (256 bits).
const INLINE_WORDS: usize = 4;

#[derive(Debug, Clone)]
pub(crate) struct Bits {
    inline: [u64; INLINE_WORDS],
    heap: Vec<u64>,
    words: usize,
}

impl Bits {
    /// A set able to hold bits `0..nbits`, all clear.
    pub(crate) fn new(nbits: usize) -> Self {
        let words = nbits.div_ceil(64).max(1);
        if words <= INLINE_WORDS {
            Bits {
                inline: [0; INLINE_WORDS],
                heap: Vec::new(),
                words,
            }
        } else {
            Bits {
                inline: [0; INLINE_WORDS],
                heap: vec![0; words],
                words,
            }
        }
    }

    fn slice(&self) -> &[u64] {
        if self.heap.is_empty() {
            &self.inline[..self.words]
        } else {
            &self.heap
        }
    }

    fn slice_mut(&mut self) -> &mut [u64] {
        if self.heap.is_empty() {
            &mut self.inline[..self.words]
        } else {
            &mut self.heap
        }
    }

    pub(crate) fn get(&self, i: usize) -> bool {
        self.slice()
            .get(i / 64)
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }

    pub(crate) fn set(&mut self, i: usize) {
        if let Some(w) = self.slice_mut().get_mut(i / 64) {
            *w |= 1u64 << (i % 64);
        }
    }

    pub(crate) fn assign(&mut self, i: usize, value: bool) {
        if let Some(w) = self.slice_mut().get_mut(i / 64) {
            if value {
                *w |= 1u64 << (i % 64);
            } else {
                *w &= !(1u64 << (i % 64));
            }
        }
    }

    pub(crate) fn clear(&mut self) {
        self.slice_mut().iter_mut().for_each(|w| *w = 0);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.slice().iter().all(|&w| w == 0)
    }

    /// Copies `other` into `self`; both must have been created with the same size.
    pub(crate) fn copy_from(&mut self, other: &Bits) {
        let src = other.slice();
        let dst = self.slice_mut();
        let n = src.len().min(dst.len());
        dst[..n].copy_from_slice(&src[..n]);
    }

    /// Calls `f` for every set bit in increasing order. Bits that `f` sets at
    /// higher positions while iterating are visited too (the callback gets
    /// `&mut self` so it may add forward bits): this is what an epsilon
    /// closure over forward-only edges needs.
    pub(crate) fn for_each_growing(&mut self, mut f: impl FnMut(usize, &mut Bits)) {
        let mut w = 0;
        while w < self.words {
            let mut done = 0u64;
            loop {
                let pending = self.slice()[w] & !done;
                if pending == 0 {
                    break;
                }
                let b = pending.trailing_zeros() as usize;
                done |= 1u64 << b;
                f(w * 64 + b, self);
            }
            w += 1;
        }
    }

    /// Calls `f` for every set bit in increasing order (read-only).
    pub(crate) fn for_each(&self, mut f: impl FnMut(usize)) {
        for (w, &word) in self.slice().iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                f(w * 64 + b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Bits;

    #[test]
    fn inline_and_heap_behave_alike() {
        for size in [2, 63, 64, 65, 256, 257, 1000] {
            let mut b = Bits::new(size);
            assert!(b.is_empty());
            b.set(0);
            b.set(size - 1);
            assert!(b.get(0) && b.get(size - 1));
            assert!(size < 3 || !b.get(1));
            assert!(Bits::new(0).is_empty());
            let mut seen = Vec::new();
            b.for_each(|i| seen.push(i));
            assert_eq!(seen, vec![0, size - 1]);
            b.assign(0, false);
            assert!(!b.get(0));
            let mut c = Bits::new(size);
            c.copy_from(&b);
            assert!(c.get(size - 1));
            c.clear();
            assert!(c.is_empty());
            // out of range accesses are ignored
            c.set(size + 64 * 8);
            assert!(!c.get(size + 64 * 8));
        }
    }

    #[test]
    fn growing_iteration_visits_added_bits() {
        let mut b = Bits::new(300);
        b.set(1);
        let mut seen = Vec::new();
        b.for_each_growing(|i, bits| {
            seen.push(i);
            if i < 290 {
                bits.set(i + 70);
            }
        });
        assert_eq!(seen, vec![1, 71, 141, 211, 281]);
    }
}
