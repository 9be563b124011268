//! The texts of the blocks inside boilerplate (`Block::noise`: navigation,
//! footers, lists of links), kept as the text nodes they are read from
//! and collapsed only for the blocks a reader asks about: `page::extract`
//! reads the text of a block inside boilerplate only around the story
//! (and every one when it judges the page again on prose alone), and such
//! blocks are most of a page's.

use std::ops::Range;

use super::{Block, Run};

/// A text node read inside a block (other than ASCII white space alone):
/// its text, whether white space was read before it since the text
/// before, and whether it sits inside a link or `<small>`.
struct Piece<'d> {
    text: &'d str,
    space: bool,
    link: bool,
    small: bool,
}

/// The texts kept for the blocks inside boilerplate of one walk
/// (`html::read_page`).
#[derive(Default)]
pub(crate) struct Deferred<'d> {
    pieces: Vec<Piece<'d>>,
    /// Where the texts of the block being read start in `pieces`.
    open: usize,
    /// Each block whose texts are kept: its index in the walk's blocks
    /// and its texts in `pieces`, in the order of the blocks.
    blocks: Vec<(usize, Range<usize>)>,
}

impl<'d> Deferred<'d> {
    /// Room for `n` texts.
    pub(super) fn with_capacity(n: usize) -> Self {
        Deferred {
            pieces: Vec::with_capacity(n),
            ..Default::default()
        }
    }

    /// Keeps a text of the block being read (`space`: white space was
    /// read before it).
    #[inline]
    pub(super) fn push(&mut self, text: &'d str, space: bool, link: bool, small: bool) {
        self.pieces.push(Piece {
            text,
            space,
            link,
            small,
        });
    }

    /// The block being read is kept as the walk's block `index`.
    pub(super) fn close(&mut self, index: usize) {
        if self.pieces.len() > self.open {
            self.blocks.push((index, self.open..self.pieces.len()));
            self.open = self.pieces.len();
        }
    }

    /// The block being read is dropped (nothing but white space in it).
    #[inline]
    pub(super) fn discard_open(&mut self) {
        self.pieces.truncate(self.open);
    }

    /// Reads the texts kept for the blocks `which` (indices of the walk's
    /// `blocks`, the range's end past them all for every one): their
    /// text and counts become what `html::blocks` reads.
    pub(crate) fn fill(&self, blocks: &mut [Block], which: Range<usize>) {
        let from = self.blocks.partition_point(|(i, _)| *i < which.start);
        for (i, range) in &self.blocks[from..] {
            if *i >= which.end {
                break;
            }
            let mut run = Run::default();
            for p in &self.pieces[range.clone()] {
                run.ws_pending |= p.space;
                run.push_read(p.text, p.link, p.small);
            }
            let b = &mut blocks[*i];
            b.text = run.text;
            b.link_chars = run.links;
            b.small_chars = run.small;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{blocks, read_page};
    use crate::dom::Dom;

    /// Blocks inside boilerplate read later read as `blocks` reads them:
    /// white space between and inside their texts, links and small print
    /// counted, a block of white space alone dropped, one holding an
    /// image kept; and only those asked for are read.
    #[test]
    fn deferred_texts_read_as_the_walk_reads_them() {
        let page = "<html><body><p>正文一段</p>\
             <nav>\n  <a href=x> 首页 </a>\n<a href=y>新闻\u{a0}中心</a>\n\
             <ul><li> <small>小字</small> 甲\t乙 </li><li> \u{a0} </li>\
             <li>\u{3000}</li><li><img src=z> </li></ul>尾 巴</nav>\
             <div class=\"footer\"><span>版权</span> 所有<br><b>二</b></div>\
             <p>又一段</p><footer>页脚</footer></body></html>";
        let dom = Dom::parse_html(page);
        let want = blocks(&dom, dom.body().unwrap());
        let (_, _, mut got, deferred) = read_page(&dom);
        assert_eq!(got.len(), want.len());
        let noisy: Vec<usize> = (0..got.len()).filter(|&i| got[i].noise).collect();
        assert!(noisy.len() >= 6);
        for &i in &noisy {
            assert!(got[i].text.is_empty(), "{}", want[i].text);
        }
        // One block asked for: that one read, the others not yet.
        deferred.fill(&mut got, noisy[1]..noisy[1] + 1);
        assert_eq!(got[noisy[1]].text, want[noisy[1]].text);
        assert!(got[noisy[0]].text.is_empty() && got[noisy[2]].text.is_empty());
        deferred.fill(&mut got, 0..usize::MAX);
        assert_eq!(format!("{got:?}"), format!("{want:?}"));
        let texts: Vec<&str> = want.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "正文一段",
                "首页 新闻 中心",
                "小字 甲 乙",
                "\u{3000}",
                "",
                "尾 巴",
                "版权 所有",
                "二",
                "又一段",
                "页脚"
            ]
        );
        assert_eq!((want[1].link_chars, want[2].small_chars), (6, 2));
    }
}
