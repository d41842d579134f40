# ruff: noqa: E501 - the texts are data: one paragraph a line, as an article is written
"""Write benchmarks/compare/pairs.jsonl: the hand-written comparison evaluation set.

Every text below was written for this project (fictional places, people and figures). Each source
has two derived versions: a faithful paraphrase (reworded, reordered, nothing added or changed: no
issue should be reported) and a planted version, the same paraphrase with deliberate changes, each
labelled with its issue kind and the exact derived text that carries it.

Labelling method: a change is planted by hand and labelled at the span a careful reader would
mark: the changed number or date, the new name, the whole quotation, the whole added sentence.
Every other part of a planted version is kept faithful, so any other issue reported is a false
alarm. Run ``python benchmarks/compare/make_pairs.py`` to rewrite the JSONL.
"""

from __future__ import annotations

import json
from pathlib import Path

PAIRS = [
    {
        "id": "water",
        "published": "2024-03-14",
        "source": """The Riverton City Council voted 7-2 on Tuesday to raise water rates by 12 percent starting July 1, the first increase since 2019.
The increase will add about $6 a month to the average household bill, according to the city's utilities department. Officials said the money will pay for replacing 40 miles of lead service lines over the next decade.
"We have put this off for too long, and the pipes under our streets are older than most of us," said Council President Maria Okafor, who voted for the measure.
Councilman Derek Hale, one of the two members who opposed it, said the city should have sought more federal money first. "Residents on fixed incomes will feel this every month," Hale said.
The utilities department estimates that 3,200 homes in Riverton still receive water through lead pipes. Federal rules adopted last year require the city to replace all of them by 2034.
A public hearing before the vote drew about 80 residents, most of whom spoke against the increase.""",
        "faithful": """Riverton's city council approved a 12 percent water rate increase on Tuesday by a vote of 7 to 2. The new rates take effect July 1 and are the first rise since 2019.
According to the utilities department, the average household will pay about $6 more each month. The city plans to use the money to replace 40 miles of lead service lines over the next decade.
Council President Maria Okafor, who supported the measure, said: "We have put this off for too long, and the pipes under our streets are older than most of us."
Derek Hale, one of the two council members who voted no, argued that the city should first have sought more federal money. "Residents on fixed incomes will feel this every month," he said.
Roughly 3,200 Riverton homes still get their water through lead pipes, the department estimates. Under federal rules adopted last year, the city must replace all of them by 2034.
About 80 residents attended a public hearing before the vote, and most spoke against the increase.""",
        "planted": """Riverton's city council approved a 15 percent water rate increase on Tuesday by a vote of 7 to 2. The new rates take effect July 1 and are the first rise since 2017.
According to the utilities department, the average household will pay about $6 more each month. The city plans to use the money to replace 40 miles of lead service lines over the next decade.
Council President Maria Okafor, who supported the measure, said: "We have put this off for too long, and the pipes under our streets are falling apart."
Derek Hale, one of the two council members who voted no, argued that the city should first have sought more federal money. "Residents on fixed incomes will feel this every month," said Council President Maria Okafor.
Roughly 3,200 Riverton homes still get their water through lead pipes, the department estimates. Under federal rules adopted last year, the city must replace all of them by 2034.
The state environmental agency has warned that the water already exceeds safe lead levels in several schools.
About 80 residents, including Mayor Tom Brandt, attended a public hearing before the vote, and most spoke against the increase.""",
        "labels": [
            ["number_mismatch", "15 percent"],
            ["date_mismatch", "2017"],
            [
                "quote_not_in_source",
                '"We have put this off for too long, and the pipes under our streets are falling apart."',
            ],
            ["misattributed_quote", '"Residents on fixed incomes will feel this every month,"'],
            [
                "unsupported_sentence",
                "The state environmental agency has warned that the water already exceeds safe lead levels in several schools.",
            ],
            ["name_not_in_source", "Tom Brandt"],
        ],
    },
    {
        "id": "factory",
        "published": "2023-11-02",
        "source": """Halvorsen Foods will close its canned soup plant in Marlow, Ohio, in February, eliminating 450 jobs, the company said on Wednesday.
The plant, which opened in 1968, is Marlow's largest private employer. Halvorsen said it would move production to a newer facility in Tennessee, where labor and shipping costs are lower.
"This was a painful decision, and it says nothing about the quality of the people in Marlow," said chief executive Linda Sorensen in a statement.
The company said workers would receive severance of two weeks' pay for every year of service, and that about 120 of them would be offered jobs in Tennessee.
Marlow Mayor Gary Pruitt said the closure would cost the town about $1.3 million a year in income tax revenue, roughly a fifth of its budget. "We will fight to find a new tenant for that building," Pruitt said.
Halvorsen reported a net loss of $38 million in its most recent quarter, after sales fell 9 percent from a year earlier.""",
        "faithful": """Halvorsen Foods announced on Wednesday that it will shut its canned soup plant in Marlow, Ohio, in February, cutting 450 jobs.
Opened in 1968, the plant is the largest private employer in Marlow. The company plans to shift production to a newer site in Tennessee, where it says labor and shipping are cheaper.
In a statement, chief executive Linda Sorensen called it "a painful decision" and said "it says nothing about the quality of the people in Marlow."
Workers will get two weeks' pay in severance for each year they worked there, the company said, and about 120 will be offered jobs in Tennessee.
According to Marlow Mayor Gary Pruitt, the town stands to lose about $1.3 million a year in income tax revenue, or roughly a fifth of its budget. He vowed to look for a new tenant for the building.
The closure follows a net loss of $38 million in Halvorsen's latest quarter, when sales dropped 9 percent compared with a year earlier.""",
        "planted": """Halvorsen Foods announced on Wednesday that it will shut its canned soup plant in Marlow, Ohio, in April, cutting 450 jobs.
Opened in 1968, the plant is the largest private employer in Marlow. The company plans to shift production to a newer site in Mexico, where it says labor and shipping are cheaper.
In a statement, chief executive Linda Sorensen called it "a painful decision" and said "it says nothing about the quality of the people in Marlow."
Workers will get two weeks' pay in severance for each year they worked there, the company said, and about 200 will be offered jobs at the new plant.
According to Marlow Mayor Gary Pruitt, the town stands to lose about $1.3 million a year in income tax revenue, or roughly a fifth of its budget. "Halvorsen has betrayed every family in this town," Pruitt said.
Union leaders said they would challenge the closure in court and have already filed a complaint with federal regulators.
The closure follows a net loss of $38 million in Halvorsen's latest quarter, when sales dropped 9 percent compared with a year earlier.""",
        "labels": [
            ["date_mismatch", "April"],
            ["name_not_in_source", "Mexico"],
            ["number_mismatch", "200"],
            ["quote_not_in_source", '"Halvorsen has betrayed every family in this town,"'],
            [
                "unsupported_sentence",
                "Union leaders said they would challenge the closure in court and have already filed a complaint with federal regulators.",
            ],
        ],
    },
    {
        "id": "steps",
        "published": "2024-06-20",
        "source": """Adults who walked at least 7,000 steps a day had a 31 percent lower risk of dying over a decade than those who walked fewer than 4,000, according to a study published Wednesday in the Journal of Community Health.
The researchers followed 12,400 adults aged 40 to 79 in Denmark and Norway from 2011 to 2021. Participants wore step counters for a week at the start of the study.
“The benefit levelled off above about 10,000 steps, so you do not need to run a marathon,” said Dr. Ingrid Lunde, an epidemiologist at the University of Bergen who led the study.
The study was observational, so it cannot prove that walking itself lowered the risk, the authors wrote. People who walk more may also be healthier in other ways.
Dr. Paul Meyer, a cardiologist at Boston General Hospital who was not involved in the research, called the findings “consistent with a large body of earlier work.” He said the next step should be a trial that assigns people to walk more.
The study was funded by the Danish Heart Foundation.""",
        "faithful": """A study published Wednesday in the Journal of Community Health found that adults who took 7,000 or more steps a day were 31 percent less likely to die over ten years than those who took under 4,000.
Researchers tracked 12,400 people between 40 and 79 years old in Denmark and Norway between 2011 and 2021, and each participant wore a step counter for one week when the study began.
Dr. Ingrid Lunde, the University of Bergen epidemiologist who led the work, said the benefit levelled off above about 10,000 steps. “You do not need to run a marathon,” she said.
Because the study was observational, the authors cautioned, it cannot prove that walking itself reduced the risk; people who walk more may be healthier in other ways too.
Paul Meyer, a Boston General Hospital cardiologist who did not take part, described the results as “consistent with a large body of earlier work” and said a trial assigning people to walk more should come next.
The Danish Heart Foundation paid for the research.""",
        "planted": """A study published Wednesday in the Journal of Community Health found that adults who took 7,000 or more steps a day were 45 percent less likely to die over ten years than those who took under 4,000.
Researchers tracked 12,400 people between 40 and 79 years old in Denmark and Sweden between 2011 and 2021, and each participant wore a step counter for one week when the study began.
Dr. Ingrid Lunde, the University of Bergen epidemiologist who led the work, said the benefit levelled off above about 10,000 steps. “Walking is the closest thing we have to a miracle drug,” she said.
The findings prove that walking directly prevents heart disease and cancer, the authors concluded.
Paul Meyer, a Boston General Hospital cardiologist who did not take part, described the results as “consistent with a large body of earlier work” and said a trial assigning people to walk more should come next.
The Danish Heart Foundation paid for the research, which began in 2009.""",
        "labels": [
            ["number_mismatch", "45 percent"],
            ["name_not_in_source", "Sweden"],
            ["quote_not_in_source", "“Walking is the closest thing we have to a miracle drug,”"],
            [
                "unsupported_sentence",
                "The findings prove that walking directly prevents heart disease and cancer, the authors concluded.",
            ],
            ["date_mismatch", "2009"],
        ],
    },
    {
        "id": "treasurer",
        "published": "2025-01-09",
        "source": """A federal jury in Tacoma on Thursday convicted a former county treasurer, Ronald Vance, of stealing $2.4 million in public funds over six years.
Prosecutors said Vance, 58, moved money from county accounts into a shell company he controlled and used it to buy two vacation homes and a boat. He was arrested in March 2023 after an audit found gaps in the county's books.
"Mr. Vance treated the public's money as his own bank account," Assistant U.S. Attorney Karen Liu told jurors in her closing argument.
Vance's lawyer, Samuel Ortiz, said his client would appeal. "The jury did not hear the full story of how the county handled its accounts," Ortiz said outside the courthouse.
Vance faces up to 20 years in prison on the most serious count. Sentencing is scheduled for April 17.
The county has recovered about $900,000 of the missing money, officials said.""",
        "faithful": """Ronald Vance, a former county treasurer, was found guilty on Thursday by a federal jury in Tacoma of stealing $2.4 million in public money over a period of six years.
According to prosecutors, Vance, 58, funneled county funds into a shell company under his control and spent the money on two vacation homes and a boat. An audit that turned up gaps in the county's books led to his arrest in March 2023.
In her closing argument, Assistant U.S. Attorney Karen Liu told the jury that "Mr. Vance treated the public's money as his own bank account."
Samuel Ortiz, Vance's lawyer, said outside the courthouse that his client would appeal, arguing that "the jury did not hear the full story of how the county handled its accounts."
The most serious count carries a sentence of up to 20 years in prison, and sentencing has been set for April 17.
Officials said about $900,000 of the missing money has been recovered.""",
        "planted": """Ronald Vance, a former county treasurer, was found guilty on Thursday by a federal jury in Tacoma of stealing $4.2 million in public money over a period of six years.
According to prosecutors, Vance, 58, funneled county funds into a shell company under his control and spent the money on two vacation homes and a boat. An audit that turned up gaps in the county's books led to his arrest in May 2022.
In her closing argument, Assistant U.S. Attorney Karen Liu told the jury that "Mr. Vance treated the public's money as his own bank account."
"The jury did not hear the full story of how the county handled its accounts," Karen Liu said outside the courthouse, a point echoed by county auditor Helen Marsh.
Vance has admitted taking some of the money but says he planned to pay it back.
The most serious count carries a sentence of up to 20 years in prison, and sentencing has been set for April 17.
Officials said about $900,000 of the missing money has been recovered.""",
        "labels": [
            ["number_mismatch", "$4.2 million"],
            ["date_mismatch", "May 2022"],
            [
                "misattributed_quote",
                '"The jury did not hear the full story of how the county handled its accounts,"',
            ],
            ["name_not_in_source", "Helen Marsh"],
            [
                "unsupported_sentence",
                "Vance has admitted taking some of the money but says he planned to pay it back.",
            ],
        ],
    },
    {
        "id": "marathon",
        "published": "2024-10-07",
        "source": """Kenyan runner Alice Chebet won the Lakeshore Marathon on Sunday in 2 hours 21 minutes, breaking the women's course record by 48 seconds.
Chebet, 29, pulled away from Ethiopia's Meseret Alemu after the 35-kilometer mark and finished more than a minute ahead. It was her first marathon victory outside Africa.
"I felt strong in the last ten kilometers, and the crowd carried me," Chebet said after the race.
The men's race was won by Daniel Kiprop in 2 hours 8 minutes. About 18,000 runners started the race, the organizers said, up from 15,500 last year.
Race director Tom Whitaker said cool weather helped the times. "We could not have ordered better conditions," he said.
The winners each receive $50,000. The organizers said the event raised $3.1 million for local charities.""",
        "faithful": """Alice Chebet of Kenya won Sunday's Lakeshore Marathon in 2 hours 21 minutes, setting a new women's course record by 48 seconds.
The 29-year-old broke away from Meseret Alemu of Ethiopia after 35 kilometers and crossed the line more than a minute in front, her first marathon win outside Africa.
"I felt strong in the last ten kilometers, and the crowd carried me," she said afterward.
Daniel Kiprop took the men's title in 2 hours 8 minutes. Organizers said about 18,000 runners started, compared with 15,500 a year earlier.
Cool weather helped, said race director Tom Whitaker: "We could not have ordered better conditions."
Each winner takes home $50,000, and the race raised $3.1 million for local charities, according to the organizers.""",
        "planted": """Alice Chebet of Kenya won Sunday's Lakeshore Marathon in 2 hours 21 minutes, setting a new women's course record by 48 seconds.
The 29-year-old broke away from Meseret Alemu of Ethiopia after 30 kilometers and crossed the line more than a minute in front, her first marathon win outside Africa.
"I felt strong in the last ten kilometers, and the crowd carried me," she said afterward.
Daniel Kiprop took the men's title in 2 hours 8 minutes. Organizers said about 18,000 runners started, compared with 15,500 in 2021.
Her coach said Chebet now plans to run at next summer's world championships, where she is favored to win gold.
Cool weather helped, said race director Tom Whitaker: "We could not have ordered better conditions."
"This was the fastest field we have ever had," Whitaker added.
Each winner takes home $50,000, and the race raised $3.1 million for local charities, according to the organizers.""",
        "labels": [
            ["number_mismatch", "30"],
            ["date_mismatch", "2021"],
            [
                "unsupported_sentence",
                "Her coach said Chebet now plans to run at next summer's world championships, where she is favored to win gold.",
            ],
            ["quote_not_in_source", '"This was the fastest field we have ever had,"'],
        ],
    },
    {
        "id": "insulin",
        "published": "2025-05-22",
        "source": """The state Senate passed a bill on Wednesday that would cap insulin copayments at $35 a month for people with private insurance, sending the measure to Governor Elena Marsh.
The bill passed 31 to 8, with support from both parties. It would take effect on January 1 and apply to about 1.2 million insured residents, according to the state insurance department.
"No one in this state should have to choose between insulin and groceries," said Senator Raymond Cho, a Democrat who sponsored the bill.
Insurers opposed the measure, saying it would push up premiums. The state's largest insurer, BlueHarbor Health, estimated that premiums would rise by about 1 percent.
A spokesman for Marsh said she intends to sign the bill. Twenty-two other states have passed similar caps, according to the American Diabetes Association.
About 9 percent of adults in the state have diabetes, health officials say.""",
        "faithful": """On Wednesday the state Senate approved legislation capping insulin copays at $35 a month for privately insured patients, and the bill now goes to Governor Elena Marsh.
The vote was 31 to 8, with members of both parties in favor. The state insurance department says the cap, which would start on January 1, would cover roughly 1.2 million insured residents.
"No one in this state should have to choose between insulin and groceries," said the bill's sponsor, Democratic Senator Raymond Cho.
Insurance companies fought the bill, warning that premiums would go up; BlueHarbor Health, the largest insurer in the state, put the increase at about 1 percent.
Marsh plans to sign it, her spokesman said. According to the American Diabetes Association, 22 other states have adopted similar limits.
State health officials say about 9 percent of adults here have diabetes.""",
        "planted": """On Wednesday the state Senate approved legislation capping insulin copays at $25 a month for privately insured patients, and the bill now goes to Governor Elena Marsh.
The vote was 31 to 8, with members of both parties in favor. The state insurance department says the cap, which would start on July 1, would cover roughly 1.2 million insured residents.
"No one in this state should have to choose between insulin and groceries," said the bill's sponsor, Senator James Cho.
Insurance companies fought the bill, warning that premiums would go up; BlueHarbor Health, the largest insurer in the state, put the increase at about 1 percent.
"We will veto any bill that raises costs for families," Marsh said in a statement.
According to the American Diabetes Association, 22 other states have adopted similar limits.
The bill also bans insurers from requiring prior approval before patients can buy insulin pumps.
State health officials say about 9 percent of adults here have diabetes.""",
        "labels": [
            ["number_mismatch", "$25"],
            ["date_mismatch", "July 1"],
            ["name_not_in_source", "James Cho"],
            ["quote_not_in_source", '"We will veto any bill that raises costs for families,"'],
            [
                "unsupported_sentence",
                "The bill also bans insurers from requiring prior approval before patients can buy insulin pumps.",
            ],
        ],
    },
]


def records() -> list[dict]:
    """One record per derived text: the source, the derived text, and its labels."""
    out = []
    for p in PAIRS:
        for variant in ("faithful", "planted"):
            derived = p[variant]
            labels = p["labels"] if variant == "planted" else []
            spans = []
            for kind, text in labels:
                start = derived.find(text)
                if start < 0 or derived.find(text, start + 1) >= 0:
                    raise ValueError(f"{p['id']}: label {text!r} must occur exactly once")
                spans.append({"kind": kind, "start": start, "end": start + len(text), "text": text})
            out.append(
                {
                    "id": f"{p['id']}-{variant}",
                    "faithful": variant == "faithful",
                    "published": p["published"],
                    "source": p["source"],
                    "derived": derived,
                    "labels": spans,
                }
            )
    return out


if __name__ == "__main__":
    path = Path(__file__).with_name("pairs.jsonl")
    with path.open("w", encoding="utf-8") as handle:
        for record in records():
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {path}")
