"""`casebook import`: a published report (PDF or Word) turned into a draft review file for a person to finish.

The steps, one module each: refusal (what cannot be imported, said in one line), pdf and word
(extraction), layout (the structure common to both: page breaks, hyphens, contents), parts (title,
learning, recommendations, facts), themes (suggestions from the vocabulary), markdown (the body),
draft (the front matter with its CONFIRM lines), run (the command's steps and its printed report).
"""
