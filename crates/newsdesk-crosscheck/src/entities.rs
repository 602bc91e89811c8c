//! Corpus-level entity canonicalisation: one entity per real-world
//! referent across all articles.
//!
//! People are bucketed by folded surname (transliteration variants and
//! one-letter slips merged through a deletion index, linear in the number
//! of distinct names), then split by compatible first names; a bare
//! surname joins the dominant full name of its bucket. Organisations and
//! places are keyed by their folded name, and take the majority kind.

use crate::brief::{Entity, EntityRole, SpanRef};
use crate::text::{edit_distance, fold_name, slug};
use crate::ArticleRecord;
use newsdesk_core::{EntityKind, Mention};
use rayon::prelude::*;
use std::collections::HashMap;
use std::collections::{BTreeMap, BTreeSet};

/// The canonical entities plus a lookup from (article index, mention
/// index) to entity index, and from folded names to entity index.
pub struct Canon {
    /// The entities, sorted by id.
    pub entities: Vec<Entity>,
    /// For each article, for each mention, the entity index.
    pub mention_entity: Vec<Vec<usize>>,
    /// Folded full names and aliases → entity index (people first).
    pub by_name: BTreeMap<String, usize>,
}

/// Above this many distinct first names in one surname group, only exact
/// first names (and recorded nicknames) merge: fuzzy matching would cost
/// the square of it.
const MAX_FIRST_NAMES_COMPARED: usize = 300;

/// Union-find over name indices.
struct Dsu(Vec<usize>);
impl Dsu {
    fn new(n: usize) -> Self {
        Dsu((0..n).collect())
    }
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // Keep the smaller index as the root: deterministic.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

#[derive(Default)]
struct NameStat {
    count: usize,
    kinds: BTreeMap<EntityKind, usize>,
    aliases: BTreeSet<String>,
}

/// Builds canonical entities from all articles' mentions.
pub fn canonicalise(articles: &[ArticleRecord]) -> Canon {
    // 1. Distinct names with counts and kind votes.
    // Sorting borrowed names (in parallel) groups each name's mentions into
    // a run: no per-mention map insertion or string copy.
    let mut all: Vec<&Mention> = articles
        .par_iter()
        .flat_map_iter(|a| a.analysis.mentions.iter())
        .collect();
    all.par_sort_unstable_by(|a, b| a.name.cmp(&b.name));
    let mut names: BTreeMap<String, NameStat> = BTreeMap::new();
    for run in all.chunk_by(|a, b| a.name == b.name) {
        let mut st = NameStat::default();
        for m in run {
            st.count += 1;
            *st.kinds.entry(m.kind).or_default() += 1;
            for al in &m.aliases {
                st.aliases.insert(al.clone());
            }
        }
        names.insert(run[0].name.clone(), st);
    }
    drop(all);
    let name_list: Vec<String> = names.keys().cloned().collect();
    // Look-ups only (never iterated), so a hash map keeps output deterministic.
    let index: HashMap<&str, usize> = name_list
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let kind_of = |n: &str| -> EntityKind {
        let st = &names[n];
        // Majority kind; ties broken by the enum order (person first).
        st.kinds
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| *k)
            .unwrap_or(EntityKind::Organization)
    };
    let kinds: Vec<EntityKind> = name_list.iter().map(|n| kind_of(n)).collect();
    let folded: Vec<String> = name_list
        .iter()
        .map(|n| fold_name(strip_article(n)))
        .collect();

    let mut dsu = Dsu::new(name_list.len());

    // 2. Organisations and places: same folded name ⇒ same entity.
    let mut by_fold: BTreeMap<(u8, &str), usize> = BTreeMap::new();
    for (i, f) in folded.iter().enumerate() {
        if kinds[i] == EntityKind::Person || f.is_empty() {
            continue;
        }
        let key = (kinds[i] as u8, f.as_str());
        match by_fold.get(&key) {
            Some(&j) => dsu.union(i, j),
            None => {
                by_fold.insert(key, i);
            }
        }
    }

    // 3. People: bucket by surname, merging near-identical surnames via a
    //    single-deletion index.
    let person_idx: Vec<usize> = (0..name_list.len())
        .filter(|&i| kinds[i] == EntityKind::Person)
        .collect();
    let surname = |i: usize| folded[i].rsplit(' ').next().unwrap_or("").to_string();
    let mut surnames: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in &person_idx {
        let s = surname(i);
        if !s.is_empty() {
            surnames.entry(s).or_default().push(i);
        }
    }
    let surname_list: Vec<String> = surnames.keys().cloned().collect();
    let mut sdsu = Dsu::new(surname_list.len());
    let mut deletions: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (si, s) in surname_list.iter().enumerate() {
        if s.chars().count() < 5 {
            continue; // Short surnames: too many accidental neighbours.
        }
        let chars: Vec<char> = s.chars().collect();
        for d in 0..chars.len() {
            let v: String = chars
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != d)
                .map(|(_, c)| c)
                .collect();
            deletions.entry(v).or_default().push(si);
        }
        deletions.entry(s.clone()).or_default().push(si);
    }
    for members in deletions.values() {
        for w in members.windows(2) {
            if edit_distance(&surname_list[w[0]], &surname_list[w[1]], 1) <= 1 {
                sdsu.union(w[0], w[1]);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (si, s) in surname_list.iter().enumerate() {
        let root = sdsu.find(si);
        groups
            .entry(root)
            .or_default()
            .extend(surnames[s].iter().copied());
    }
    for members in groups.values() {
        // Full names (2+ tokens) cluster by compatible first names.
        let full: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| folded[i].contains(' '))
            .collect();
        let single: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| !folded[i].contains(' '))
            .collect();
        // Compare distinct first names, not every pair of full names: the
        // number of first names is bounded by the language, the number of
        // full names in a big surname group is not.
        let mut by_first: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &i in &full {
            by_first
                .entry(folded[i].split(' ').next().unwrap_or(""))
                .or_default()
                .push(i);
        }
        for members in by_first.values() {
            for w in members.windows(2) {
                dsu.union(w[0], w[1]);
            }
        }
        let firsts: Vec<(&str, usize)> = by_first.iter().map(|(f, m)| (*f, m[0])).collect();
        if firsts.len() <= MAX_FIRST_NAMES_COMPARED {
            for (a, &(fa, i)) in firsts.iter().enumerate() {
                for &(fb, j) in &firsts[a + 1..] {
                    if first_names_compatible(fa, fb) {
                        dsu.union(i, j);
                    }
                }
            }
        }
        // Nickname aliases ("Steve Witkoff") name the same person.
        for &i in &full {
            for al in &names[&name_list[i]].aliases {
                if let Some(&j) = index.get(al.as_str()) {
                    if kinds[j] == EntityKind::Person {
                        dsu.union(i, j);
                    }
                }
            }
        }
        // A bare surname joins the dominant full-name cluster.
        let mut cluster_counts: BTreeMap<usize, usize> = BTreeMap::new();
        for &i in &full {
            let r = dsu.find(i);
            *cluster_counts.entry(r).or_default() += names[&name_list[i]].count;
        }
        let mut ranked: Vec<(usize, usize)> = cluster_counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let target = match ranked.as_slice() {
            [] => None,
            [(r, _)] => Some(*r),
            [(r, c1), (_, c2), ..] if *c1 >= 3 * *c2 => Some(*r),
            _ => None,
        };
        for &i in &single {
            match target {
                Some(r) => dsu.union(i, r),
                None => {
                    if let Some(&j) = single.first() {
                        dsu.union(i, j);
                    }
                }
            }
        }
    }

    // 4. Materialise entities.
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..name_list.len() {
        let r = dsu.find(i);
        clusters.entry(r).or_default().push(i);
    }
    struct Draft {
        name: String,
        kind: EntityKind,
        aliases: BTreeSet<String>,
        members: Vec<usize>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut name_to_draft: Vec<usize> = vec![0; name_list.len()];
    for members in clusters.values() {
        // Canonical: most frequent multi-token name, then longest, then first.
        let best = members
            .iter()
            .copied()
            .max_by(|&a, &b| {
                let (na, nb) = (&name_list[a], &name_list[b]);
                let multi = |n: &str| n.split_whitespace().count() > 1;
                multi(na)
                    .cmp(&multi(nb))
                    .then(names[na].count.cmp(&names[nb].count))
                    .then(na.len().cmp(&nb.len()))
                    .then(nb.cmp(na))
            })
            .unwrap();
        let mut kind_votes: BTreeMap<EntityKind, usize> = BTreeMap::new();
        let mut aliases = BTreeSet::new();
        for &m in members {
            for (k, c) in &names[&name_list[m]].kinds {
                *kind_votes.entry(*k).or_default() += c;
            }
            if m != best {
                aliases.insert(name_list[m].clone());
            }
            for al in &names[&name_list[m]].aliases {
                aliases.insert(al.clone());
            }
        }
        let kind = kind_votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| *k)
            .unwrap_or(EntityKind::Organization);
        for &m in members {
            name_to_draft[m] = drafts.len();
        }
        aliases.remove(&name_list[best]);
        drafts.push(Draft {
            name: name_list[best].clone(),
            kind,
            aliases,
            members: members.clone(),
        });
    }

    // Ids: kind:slug, unique.
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut ids: Vec<String> = Vec::with_capacity(drafts.len());
    for d in &drafts {
        let base = format!("{}:{}", d.kind.as_str(), {
            let s = slug(&d.name);
            if s.is_empty() {
                "x".to_string()
            } else {
                s
            }
        });
        let mut id = base.clone();
        let mut k = 2;
        while used.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        used.insert(id.clone());
        ids.push(id);
    }

    // 5. Mentions and roles.
    let mut mentions: Vec<Vec<SpanRef>> = vec![Vec::new(); drafts.len()];
    let mut roles: Vec<BTreeMap<(String, Option<String>, Option<String>), Vec<SpanRef>>> =
        vec![BTreeMap::new(); drafts.len()];
    let mut mention_entity: Vec<Vec<usize>> = Vec::with_capacity(articles.len());
    for a in articles {
        let mut per = Vec::with_capacity(a.analysis.mentions.len());
        for m in &a.analysis.mentions {
            let d = name_to_draft[index[m.name.as_str()]];
            per.push(d);
            mentions[d].push(SpanRef {
                article: a.id.clone(),
                start: m.span.start,
                end: m.span.end,
            });
            if let Some(r) = &m.role {
                roles[d]
                    .entry((r.title.clone(), r.qualifier.clone(), r.relation.clone()))
                    .or_default()
                    .push(SpanRef {
                        article: a.id.clone(),
                        start: r.span.start,
                        end: r.span.end,
                    });
            }
        }
        mention_entity.push(per);
    }

    // Sort entities by id for a stable output; remap indices.
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    let mut new_pos = vec![0; drafts.len()];
    for (pos, &old) in order.iter().enumerate() {
        new_pos[old] = pos;
    }
    let mut entities = Vec::with_capacity(drafts.len());
    for &old in &order {
        let d = &drafts[old];
        let ms = std::mem::take(&mut mentions[old]);
        let article_count = ms.iter().map(|m| &m.article).collect::<BTreeSet<_>>().len();
        let rs = std::mem::take(&mut roles[old])
            .into_iter()
            .map(|((title, qualifier, relation), evidence)| EntityRole {
                title,
                qualifier,
                relation,
                evidence,
            })
            .collect();
        entities.push(Entity {
            id: ids[old].clone(),
            name: d.name.clone(),
            kind: d.kind,
            aliases: d.aliases.iter().cloned().collect(),
            roles: rs,
            mentions: ms,
            article_count,
        });
    }
    for per in &mut mention_entity {
        for e in per.iter_mut() {
            *e = new_pos[*e];
        }
    }
    let mut by_name = BTreeMap::new();
    for (i, d) in drafts.iter().enumerate() {
        for &m in &d.members {
            by_name.entry(folded[m].clone()).or_insert(new_pos[i]);
        }
        for al in &d.aliases {
            by_name.entry(fold_name(al)).or_insert(new_pos[i]);
        }
    }
    Canon {
        entities,
        mention_entity,
        by_name,
    }
}

fn strip_article(n: &str) -> &str {
    n.strip_prefix("the ")
        .or_else(|| n.strip_prefix("The "))
        .unwrap_or(n)
}

fn first_names_compatible(fa: &str, fb: &str) -> bool {
    if fa == fb {
        return true;
    }
    // Initials: "J. Smith" ~ "John Smith".
    if (fa.len() == 1 && fb.starts_with(fa)) || (fb.len() == 1 && fa.starts_with(fb)) {
        return true;
    }
    // Transliteration slips: Aleksandr / Oleksandr / Alexander.
    fa.len() >= 4 && fb.len() >= 4 && edit_distance(fa, fb, 2) <= 2
}

/// The entity a mention belongs to, looked up by folded name.
pub fn lookup(canon: &Canon, name: &str) -> Option<usize> {
    canon.by_name.get(&fold_name(strip_article(name))).copied()
}
