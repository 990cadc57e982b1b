//! 朗读's state as a machine over plain data: the sentences to say ([`crate::speech::script`]),
//! the one being said, and what the viewer shows of it. The hook ([`mod@super::hook`]) gives it
//! what the reader and the browser do ([`Event`]) and does what it answers ([`Then`]); every
//! transition is in [`Reading::step`], tested here without a browser.

use crate::model::Issue;
use crate::speech::{script, Utterance};
use std::rc::Rc;

/// What the player is doing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SpeechState {
    /// Not reading.
    #[default]
    Idle,
    /// Reading.
    Playing,
    /// Paused at a sentence (resumes at its start).
    Paused,
}

/// Why reading could not start or go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeechFault {
    /// The browser has no speech synthesis.
    Unsupported,
    /// No Chinese voice is installed.
    NoVoice,
    /// The synthesis failed.
    Failed,
}

/// What the viewer shows of the reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpeechView {
    /// Reading, paused or not.
    pub state: SpeechState,
    /// The article being read (none for the masthead line).
    pub article: Option<usize>,
    /// Why the last start failed, until the next.
    pub fault: Option<SpeechFault>,
}

/// What happens to the reading: the reader's doing, or the browser's.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Another issue is shown (or none): reading stops.
    Issue(Option<Rc<Issue>>),
    /// Read the whole issue (`None`) or from an article on (a Chinese voice was found).
    Start(Option<usize>),
    /// Pause, or resume at the start of the sentence paused in.
    Pause,
    /// Stop (Esc, the page hidden, another viewer reading, reading turned off).
    Stop,
    /// A new speed: the sentence being read is said again at it.
    Rate,
    /// Reading cannot start or go on.
    Fail(SpeechFault),
    /// The browser began saying the utterance of this generation.
    Began(u32),
    /// The browser finished saying the utterance of this generation.
    Ended(u32),
    /// The synthesis failed on the utterance of this generation.
    Broke(u32),
}

/// What the browser is to do after an event. Each but `Nothing` and `Light` also drops the
/// current utterance's listeners: its events no longer count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Then {
    /// Nothing.
    Nothing,
    /// Nothing was being said: only the listeners go.
    Forget,
    /// Cut off what is being said; the sentence stays lit (a pause).
    Hush,
    /// Cut off what is being said and unlight the sentence: reading ended.
    End,
    /// Say [`Reading::sentence`] (cutting off what was being said); its events carry
    /// [`Reading::generation`].
    Say,
    /// The sentence began: light it and keep it in view.
    Light,
}

/// The reading of the issue shown.
#[derive(Default)]
pub struct Reading {
    issue: Option<Rc<Issue>>,
    queue: Vec<Utterance>,
    at: usize,
    /// Bumped whenever what is said changes: events of an older utterance are ignored.
    generation: u32,
    view: SpeechView,
}

impl Reading {
    /// What the viewer shows.
    pub fn view(&self) -> SpeechView {
        self.view
    }

    /// The generation of the utterance being said.
    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// The sentence being said (or paused in).
    pub fn sentence(&self) -> Option<&Utterance> {
        self.queue.get(self.at)
    }

    /// The issue read.
    pub fn issue(&self) -> Option<&Rc<Issue>> {
        self.issue.as_ref()
    }

    /// Takes in `event`; says what the browser is to do.
    pub fn step(&mut self, event: Event) -> Then {
        let current = |g: u32| g == self.generation;
        match event {
            Event::Issue(issue) => {
                self.issue = issue;
                self.stop()
            }
            Event::Start(from) => {
                let Some(issue) = &self.issue else {
                    return Then::Nothing;
                };
                let queue = script(issue, from);
                let Some(first) = queue.first() else {
                    return Then::Nothing;
                };
                self.view = SpeechView {
                    state: SpeechState::Playing,
                    article: first.article,
                    fault: None,
                };
                (self.queue, self.at) = (queue, 0);
                self.say()
            }
            Event::Pause => match self.view.state {
                SpeechState::Playing => {
                    self.generation = self.generation.wrapping_add(1);
                    self.view.state = SpeechState::Paused;
                    Then::Hush
                }
                SpeechState::Paused => {
                    self.view.state = SpeechState::Playing;
                    self.say()
                }
                SpeechState::Idle => Then::Nothing,
            },
            Event::Stop => self.stop(),
            Event::Rate if self.view.state == SpeechState::Playing => self.say(),
            Event::Fail(fault) => self.fail(fault),
            Event::Began(g) if current(g) => match self.sentence() {
                Some(u) => {
                    self.view.article = u.article;
                    Then::Light
                }
                None => Then::Nothing,
            },
            Event::Ended(g) if current(g) && self.view.state == SpeechState::Playing => {
                self.at += 1;
                self.say()
            }
            Event::Broke(g) if current(g) => self.fail(SpeechFault::Failed),
            Event::Rate | Event::Began(_) | Event::Ended(_) | Event::Broke(_) => Then::Nothing,
        }
    }

    /// Says the sentence at the position (again, after a pause or at a new speed), or stops
    /// past the last.
    fn say(&mut self) -> Then {
        self.generation = self.generation.wrapping_add(1);
        match self.at < self.queue.len() {
            true => Then::Say,
            false => self.stop(),
        }
    }

    fn stop(&mut self) -> Then {
        self.generation = self.generation.wrapping_add(1);
        match std::mem::take(&mut self.view).state {
            SpeechState::Idle => Then::Forget,
            _ => Then::End,
        }
    }

    fn fail(&mut self, fault: SpeechFault) -> Then {
        let then = self.stop();
        self.view.fault = Some(fault);
        then
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Rc<Issue> {
        let json = include_str!("../../../www/issues/lianluo-dongtai-2024-18.json");
        Rc::new(crate::model::parse_issue(json).unwrap())
    }

    fn reading() -> Reading {
        let mut r = Reading::default();
        assert_eq!(r.step(Event::Issue(Some(seed()))), Then::Forget);
        r
    }

    /// What is said, one sentence after another, until reading stops by itself.
    fn said_to_the_end(r: &mut Reading) -> Vec<String> {
        let mut said = Vec::new();
        let mut then = Then::Say;
        while then == Then::Say {
            said.push(r.sentence().unwrap().text.clone());
            assert_eq!(r.step(Event::Began(r.generation())), Then::Light);
            then = r.step(Event::Ended(r.generation()));
        }
        assert_eq!(then, Then::End, "the end of the issue ends the reading");
        said
    }

    #[test]
    fn the_whole_issue_is_read_in_order_masthead_first_then_stops() {
        let mut r = reading();
        assert_eq!(r.step(Event::Start(None)), Then::Say);
        assert_eq!(r.view().state, SpeechState::Playing);
        assert_eq!(r.view().article, None, "the masthead line first");
        let issue = seed();
        let expected: Vec<String> = script(&issue, None).into_iter().map(|u| u.text).collect();
        assert!(expected[0].starts_with(&issue.masthead.title));
        assert_eq!(said_to_the_end(&mut r), expected);
        assert_eq!(r.view(), SpeechView::default());
    }

    #[test]
    fn the_article_read_is_shown_as_each_sentence_begins() {
        let mut r = reading();
        r.step(Event::Start(Some(1)));
        assert_eq!(r.view().article, Some(1), "from the article chosen");
        let title = crate::search::Field::Title(1);
        assert_eq!(r.sentence().unwrap().spot.map(|s| s.field), Some(title));
        let mut articles = vec![];
        loop {
            r.step(Event::Began(r.generation()));
            articles.push(r.view().article);
            if r.step(Event::Ended(r.generation())) != Then::Say {
                break;
            }
        }
        assert!(
            articles.iter().all(|a| *a == Some(1)),
            "the last article only"
        );
    }

    #[test]
    fn pause_resumes_at_the_start_of_the_sentence_it_paused_in() {
        let mut r = reading();
        r.step(Event::Start(None));
        r.step(Event::Ended(r.generation()));
        r.step(Event::Ended(r.generation()));
        let sentence = r.sentence().unwrap().clone();
        let before = r.generation();
        assert_eq!(r.step(Event::Pause), Then::Hush);
        assert_eq!(r.view().state, SpeechState::Paused);
        // The cut-off utterance's end does not move the reading on.
        assert_eq!(r.step(Event::Ended(before)), Then::Nothing);
        assert_eq!(r.step(Event::Rate), Then::Nothing, "a new speed waits");
        assert_eq!(r.step(Event::Pause), Then::Say);
        assert_eq!(r.view().state, SpeechState::Playing);
        assert_eq!(r.sentence(), Some(&sentence), "the same sentence again");
        assert_eq!(
            r.step(Event::Rate),
            Then::Say,
            "a new speed from the sentence read"
        );
        assert_eq!(r.sentence(), Some(&sentence));
    }

    #[test]
    fn stop_and_another_issue_end_the_reading_and_its_late_events() {
        let mut r = reading();
        r.step(Event::Start(None));
        let g = r.generation();
        assert_eq!(r.step(Event::Stop), Then::End);
        assert_eq!(r.view(), SpeechView::default());
        assert_eq!(r.step(Event::Ended(g)), Then::Nothing);
        assert_eq!(r.step(Event::Began(g)), Then::Nothing);
        assert_eq!(r.step(Event::Stop), Then::Forget, "nothing to cut off");
        assert_eq!(r.step(Event::Pause), Then::Nothing);

        r.step(Event::Start(Some(0)));
        r.step(Event::Pause);
        assert_eq!(r.step(Event::Issue(Some(seed()))), Then::End, "paused, too");
        assert_eq!(r.view().state, SpeechState::Idle);
        assert_eq!(r.step(Event::Issue(None)), Then::Forget);
        assert_eq!(
            r.step(Event::Start(None)),
            Then::Nothing,
            "no issue, nothing read"
        );
    }

    #[test]
    fn faults_are_shown_until_the_next_start_and_only_the_current_utterance_s_count() {
        let mut r = reading();
        assert_eq!(r.step(Event::Fail(SpeechFault::NoVoice)), Then::Forget);
        assert_eq!(r.view().fault, Some(SpeechFault::NoVoice));
        r.step(Event::Start(None));
        assert_eq!(r.view().fault, None);
        let g = r.generation();
        r.step(Event::Ended(g));
        assert_eq!(
            r.step(Event::Broke(g)),
            Then::Nothing,
            "an older utterance's"
        );
        assert_eq!(r.step(Event::Broke(r.generation())), Then::End);
        assert_eq!(r.view().fault, Some(SpeechFault::Failed));
        assert_eq!(r.view().state, SpeechState::Idle);
    }
}
