"""The product's own words in each answer language (bokmål, English); document text is always quoted."""

TEXTS = {
    "nb": {"lead": "Dette sier dokumentene:", "none": "Dokumentene svarer ikke på dette spørsmålet.",
           "closest": "Nærmeste kilder:", "page": "s.",
           "missing": "Dokumentene nevner ikke {words}.",
           "unstated": {"number": "De oppgir ikke det tallet.", "when": "De oppgir ikke når.",
                        "person": "De oppgir ikke navnet.", "contact": "De oppgir ikke den kontaktinformasjonen."},
           "differ": "Kildene oppgir ulike tall: {figures}. Hvert tall er sitert nedenfor med kilden sin.",
           "unsettled": "Dokumentene sier ikke noe om {what}: de beskriver programmet slik det ble gjennomført{newest}.",
           "newest": ", og den nyeste kilden er fra {year}",
           "as_ran": "Dette sier de om programmet slik det ble gjennomført:",
           # Under an answer on a fund's terms: what the documents do not settle, and the closest source.
           "terms": "Dokumentene beskriver vilkårene slik de var i programmet{newest}; gjeldende frister, satser og "
                    "vilkår avgjør de ikke. Nærmeste kilde: {where}.",
           "terms_newest": " (nyeste kilde fra {year})"},
    "en": {"lead": "This is what the documents say (quoted in the documents' own language):",
           "none": "The documents do not answer this question.", "closest": "Closest sources:", "page": "p.",
           "missing": "The documents never mention {words}.",
           "unstated": {"number": "They do not give that figure.", "when": "They do not say when.",
                        "person": "They do not give the name.", "contact": "They do not give those contact details."},
           "differ": "The sources give different figures: {figures}. Each is quoted below with its source.",
           "unsettled": "The documents do not settle {what}: they describe the programme as it ran{newest}.",
           "newest": ", and the newest source is from {year}",
           "as_ran": "This is what they say about the programme as it ran (quoted in the documents' own language):",
           "terms": "The documents describe the terms as they were in the programme{newest}; they do not settle "
                    "current deadlines, rates or conditions. Closest source: {where}.",
           "terms_newest": " (newest source from {year})"},
}
