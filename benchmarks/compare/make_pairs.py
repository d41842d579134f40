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

Session 2 added, for each source, a heavier rewrite (``REWORDED``: faithful, and with two invented
sentences) and a condensed summary (``CONDENSED``, faithful): see the comments above them.
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


# Heavier rewrites of the same six sources, added in session 2 by the helper who also changed the
# sentence-support rule, to check that rule: a faithful version in the style of a machine rewrite
# (synonyms, nominalisations, sentences merged from different parts of the source, quotations
# turned into reported speech; no fact added or changed) and the same text with two added
# sentences on the source's topic that the source does not support (no new name or number, so
# they test the sentence check alone). Written by the same hand as the rule: they show the rule
# does what it claims, they are not independent evidence.
REWORDED = {
    "water": {
        "faithful": """Homeowners in Riverton will soon pay more for their water. In a 7-2 vote on Tuesday, city lawmakers backed a 12 percent hike that kicks in on July 1, the first time charges have gone up since 2019.
For a typical household, the bill will climb by roughly $6 monthly, the city's utilities department said. The extra revenue is earmarked for swapping out 40 miles of aging lead service pipes over the next decade.
Council President Maria Okafor, who backed the plan, argued the work could not be delayed any longer, noting that the pipes beneath the streets predate most residents.
Dissenting councilman Derek Hale countered that Riverton ought to have pursued additional federal funding before turning to ratepayers, warning that people living on fixed incomes would feel the pinch each month.
Around 3,200 local homes remain connected to lead lines, by the department's estimate, and federal regulations introduced last year oblige the city to remove every one of them by 2034.
Roughly 80 people turned out for a public hearing ahead of the vote, and the majority voiced opposition.""",
        "planted": """Homeowners in Riverton will soon pay more for their water. In a 7-2 vote on Tuesday, city lawmakers backed a 12 percent hike that kicks in on July 1, the first time charges have gone up since 2019.
For a typical household, the bill will climb by roughly $6 monthly, the city's utilities department said. The extra revenue is earmarked for swapping out 40 miles of aging lead service pipes over the next decade.
The increase is expected to drive some small businesses out of the city center.
Council President Maria Okafor, who backed the plan, argued the work could not be delayed any longer, noting that the pipes beneath the streets predate most residents.
Dissenting councilman Derek Hale countered that Riverton ought to have pursued additional federal funding before turning to ratepayers, warning that people living on fixed incomes would feel the pinch each month.
Around 3,200 local homes remain connected to lead lines, by the department's estimate, and federal regulations introduced last year oblige the city to remove every one of them by 2034.
Several neighbouring towns have kept their own water charges flat.
Roughly 80 people turned out for a public hearing ahead of the vote, and the majority voiced opposition.""",
        "labels": [
            [
                "unsupported_sentence",
                "The increase is expected to drive some small businesses out of the city center.",
            ],
            [
                "unsupported_sentence",
                "Several neighbouring towns have kept their own water charges flat.",
            ],
        ],
    },
    "factory": {
        "faithful": """Marlow, Ohio, is set to lose its biggest private employer. Halvorsen Foods said Wednesday that it will shutter the town's canned soup factory in February, wiping out 450 positions.
The facility has operated since 1968. The company intends to relocate output to a more modern plant in Tennessee, citing cheaper labor and lower freight costs there.
Chief executive Linda Sorensen described the move as painful in a written statement, stressing that it did not reflect on the calibre of Marlow's workforce.
Departing employees are to be paid two weeks' wages for each year on the job, and roughly 120 will get the chance to transfer to Tennessee.
The shutdown will strip about $1.3 million in annual income tax receipts from the town, close to a fifth of the municipal budget, according to Mayor Gary Pruitt, who pledged to fight to bring a new occupant into the building.
The decision comes after Halvorsen posted a $38 million quarterly loss as sales slid 9 percent year on year.""",
        "planted": """Marlow, Ohio, is set to lose its biggest private employer. Halvorsen Foods said Wednesday that it will shutter the town's canned soup factory in February, wiping out 450 positions.
The facility has operated since 1968. The company intends to relocate output to a more modern plant in Tennessee, citing cheaper labor and lower freight costs there.
Local suppliers, from trucking firms to can makers, expect to lose much of their business once the plant closes.
Chief executive Linda Sorensen described the move as painful in a written statement, stressing that it did not reflect on the calibre of Marlow's workforce.
Departing employees are to be paid two weeks' wages for each year on the job, and roughly 120 will get the chance to transfer to Tennessee.
The shutdown will strip about $1.3 million in annual income tax receipts from the town, close to a fifth of the municipal budget, according to Mayor Gary Pruitt, who pledged to fight to bring a new occupant into the building.
The company has offered to sell the building to the town at a discount.
The decision comes after Halvorsen posted a $38 million quarterly loss as sales slid 9 percent year on year.""",
        "labels": [
            [
                "unsupported_sentence",
                "Local suppliers, from trucking firms to can makers, expect to lose much of their business once the plant closes.",
            ],
            [
                "unsupported_sentence",
                "The company has offered to sell the building to the town at a discount.",
            ],
        ],
    },
    "steps": {
        "faithful": """Taking 7,000 or more steps daily was linked to a 31 percent drop in the chance of death over a decade, compared with managing under 4,000, researchers reported Wednesday in the Journal of Community Health.
The team tracked 12,400 adults between the ages of 40 and 79 in Denmark and Norway from 2011 through 2021, each of whom wore a pedometer for one week when the research began.
Dr. Ingrid Lunde, the University of Bergen epidemiologist who headed the work, said the gains flattened out beyond roughly 10,000 steps, meaning marathon training is unnecessary.
Because the research was observational, the authors cautioned, it cannot show that walking itself cut the risk; people who walk more may be healthier for other reasons.
Boston General Hospital cardiologist Dr. Paul Meyer, who had no role in the study, said the results fit with a large body of previous research and that a trial assigning people to walk more should come next.
Funding came from the Danish Heart Foundation.""",
        "planted": """Taking 7,000 or more steps daily was linked to a 31 percent drop in the chance of death over a decade, compared with managing under 4,000, researchers reported Wednesday in the Journal of Community Health.
The team tracked 12,400 adults between the ages of 40 and 79 in Denmark and Norway from 2011 through 2021, each of whom wore a pedometer for one week when the research began.
Walking briskly appeared to matter more than the total number of steps.
Dr. Ingrid Lunde, the University of Bergen epidemiologist who headed the work, said the gains flattened out beyond roughly 10,000 steps, meaning marathon training is unnecessary.
Because the research was observational, the authors cautioned, it cannot show that walking itself cut the risk; people who walk more may be healthier for other reasons.
Boston General Hospital cardiologist Dr. Paul Meyer, who had no role in the study, said the results fit with a large body of previous research and that a trial assigning people to walk more should come next.
The researchers now plan to study whether the same pattern holds for children.
Funding came from the Danish Heart Foundation.""",
        "labels": [
            [
                "unsupported_sentence",
                "Walking briskly appeared to matter more than the total number of steps.",
            ],
            [
                "unsupported_sentence",
                "The researchers now plan to study whether the same pattern holds for children.",
            ],
        ],
    },
    "treasurer": {
        "faithful": """Ronald Vance, who once served as county treasurer, was found guilty Thursday by a federal jury in Tacoma of embezzling $2.4 million of taxpayer money across six years.
According to prosecutors, the 58-year-old funneled county funds into a shell company under his control and spent the cash on a boat and two vacation homes. Auditors uncovered holes in the county's books, which led to his arrest in March 2023.
In closing arguments, Assistant U.S. Attorney Karen Liu told the jury that Vance had used public money as though it were his personal bank account.
Samuel Ortiz, who represents Vance, said an appeal would follow, arguing outside the courthouse that jurors never heard the complete account of how the county managed its finances.
The most serious charge carries a maximum of 20 years behind bars, and sentencing has been set for April 17.
Officials said roughly $900,000 of the missing funds has been recovered.""",
        "planted": """Ronald Vance, who once served as county treasurer, was found guilty Thursday by a federal jury in Tacoma of embezzling $2.4 million of taxpayer money across six years.
According to prosecutors, the 58-year-old funneled county funds into a shell company under his control and spent the cash on a boat and two vacation homes. Auditors uncovered holes in the county's books, which led to his arrest in March 2023.
Several county employees have since been placed on leave while investigators review who else had access to the accounts.
In closing arguments, Assistant U.S. Attorney Karen Liu told the jury that Vance had used public money as though it were his personal bank account.
Samuel Ortiz, who represents Vance, said an appeal would follow, arguing outside the courthouse that jurors never heard the complete account of how the county managed its finances.
The most serious charge carries a maximum of 20 years behind bars, and sentencing has been set for April 17.
Vance had been re-elected by wide margins before the thefts came to light.
Officials said roughly $900,000 of the missing funds has been recovered.""",
        "labels": [
            [
                "unsupported_sentence",
                "Several county employees have since been placed on leave while investigators review who else had access to the accounts.",
            ],
            [
                "unsupported_sentence",
                "Vance had been re-elected by wide margins before the thefts came to light.",
            ],
        ],
    },
    "marathon": {
        "faithful": """Alice Chebet of Kenya claimed the Lakeshore Marathon on Sunday, clocking 2 hours 21 minutes and lowering the women's course record by 48 seconds.
The 29-year-old broke away from Meseret Alemu of Ethiopia after 35 kilometers and crossed the line with more than a minute to spare, securing her first marathon title outside Africa.
Chebet said afterwards that she felt powerful over the closing ten kilometers and that the spectators carried her home.
On the men's side, Daniel Kiprop took victory in 2 hours 8 minutes. Organizers counted about 18,000 starters, compared with 15,500 last year.
Race director Tom Whitaker credited the cool weather for the fast times, saying conditions could not have been better.
Both winners collect $50,000, and the event generated $3.1 million for local charities, according to the organizers.""",
        "planted": """Alice Chebet of Kenya claimed the Lakeshore Marathon on Sunday, clocking 2 hours 21 minutes and lowering the women's course record by 48 seconds.
The 29-year-old broke away from Meseret Alemu of Ethiopia after 35 kilometers and crossed the line with more than a minute to spare, securing her first marathon title outside Africa.
Chebet said afterwards that she felt powerful over the closing ten kilometers and that the spectators carried her home.
Several runners were treated for dehydration near the finish line.
On the men's side, Daniel Kiprop took victory in 2 hours 8 minutes. Organizers counted about 18,000 starters, compared with 15,500 last year.
Race director Tom Whitaker credited the cool weather for the fast times, saying conditions could not have been better.
The course was changed to avoid a bridge under repair.
Both winners collect $50,000, and the event generated $3.1 million for local charities, according to the organizers.""",
        "labels": [
            [
                "unsupported_sentence",
                "Several runners were treated for dehydration near the finish line.",
            ],
            ["unsupported_sentence", "The course was changed to avoid a bridge under repair."],
        ],
    },
    "insulin": {
        "faithful": """Lawmakers in the state Senate on Wednesday approved legislation limiting what privately insured patients pay for insulin to $35 a month, and the bill now heads to Governor Elena Marsh.
The vote was 31 to 8, with backing from both parties. The state insurance department says the cap, which would begin on January 1, would cover about 1.2 million residents with insurance.
Senator Raymond Cho, the Democrat behind the bill, said nobody in the state should be forced to pick between insulin and food.
Insurance companies fought the proposal, warning of higher premiums; BlueHarbor Health, the largest insurer in the state, projected an increase of about 1 percent.
Marsh plans to sign it, according to her spokesman. The American Diabetes Association says 22 other states have adopted comparable limits.
Health officials put the share of adults in the state living with diabetes at about 9 percent.""",
        "planted": """Lawmakers in the state Senate on Wednesday approved legislation limiting what privately insured patients pay for insulin to $35 a month, and the bill now heads to Governor Elena Marsh.
The vote was 31 to 8, with backing from both parties. The state insurance department says the cap, which would begin on January 1, would cover about 1.2 million residents with insurance.
Pharmacies will be required to post the new price limit at their counters.
Senator Raymond Cho, the Democrat behind the bill, said nobody in the state should be forced to pick between insulin and food.
Insurance companies fought the proposal, warning of higher premiums; BlueHarbor Health, the largest insurer in the state, projected an increase of about 1 percent.
Critics say the cap does nothing for people without insurance, who still pay the full list price.
Marsh plans to sign it, according to her spokesman. The American Diabetes Association says 22 other states have adopted comparable limits.
Health officials put the share of adults in the state living with diabetes at about 9 percent.""",
        "labels": [
            [
                "unsupported_sentence",
                "Pharmacies will be required to post the new price limit at their counters.",
            ],
            [
                "unsupported_sentence",
                "Critics say the cap does nothing for people without insurance, who still pay the full list price.",
            ],
        ],
    },
}


# Condensed faithful summaries of the same six sources, also added in session 2 by the same
# helper: each sentence merges facts from several source sentences and words them abstractly, as
# a machine summary does, but adds and changes nothing. No issue should be reported on them;
# they measure the false-alarm rate of the sentence check on heavy paraphrase (same caveat).
CONDENSED = {
    "water": """Riverton residents face steeper water bills after the council comfortably endorsed a rate increase to fund the replacement of ageing lead pipes.
Supporters, led by council president Maria Okafor, framed the hike as overdue work on infrastructure older than most residents, while dissenter Derek Hale urged the city to chase federal money before burdening households on fixed incomes.
Many homes are still served by lead lines that federal regulators want removed by 2034.
Public sentiment at the hearing ran largely against the measure.""",
    "factory": """Marlow is losing its largest private employer: Halvorsen Foods is shutting its canned soup plant in February and shifting production to a cheaper site in Tennessee, at the cost of 450 jobs.
The company's chief executive, Linda Sorensen, insisted the decision was no judgement on local workers, who are being offered severance and, for a minority, positions in Tennessee.
For the town the blow is financial as well as human, since the lost income tax amounts to roughly a fifth of its budget, and the mayor has promised to look for a replacement tenant.
The closure comes as Halvorsen's sales are sliding and the company is losing money.""",
    "steps": """A decade-long study of more than 12,000 middle-aged and older adults in Denmark and Norway suggests that walking around 7,000 steps a day is tied to a markedly lower risk of death than a largely sedentary routine.
The gains appeared to level off at about 10,000 steps, according to lead researcher Ingrid Lunde, so extreme exercise is not required.
Because the researchers only observed participants, they caution that better health in general may explain part of the link, and an independent cardiologist has called for a trial that would assign people to walk more.""",
    "treasurer": """A former county treasurer who siphoned $2.4 million of public money into a shell company, spending it on vacation homes and a boat, has been convicted by a federal jury in Tacoma.
Ronald Vance, arrested after an audit exposed gaps in the county's accounts, could face up to 20 years in prison when he is sentenced in April.
His lawyer maintains that jurors never heard the full story and plans to appeal.
Only a fraction of the stolen funds, about $900,000, has been recovered.""",
    "marathon": """Kenya's Alice Chebet set a women's course record at the Lakeshore Marathon on Sunday, pulling clear of her Ethiopian rival late in the race to claim her first marathon win outside Africa.
She credited the crowd for carrying her through the final stretch, and organizers pointed to ideal cool conditions for the quick times.
Daniel Kiprop won the men's race, while the field grew to about 18,000 starters.
The event also raised $3.1 million for local charities.""",
    "insulin": """A bipartisan Senate majority has sent Governor Elena Marsh a bill that would limit monthly insulin copays to $35 for roughly 1.2 million privately insured residents, and her office says she will sign it.
Sponsor Raymond Cho argued that patients should never have to trade insulin for food.
Insurers, including the state's biggest, BlueHarbor Health, warned that premiums would edge up by about 1 percent as a result.
The state would join 22 others that have adopted similar caps.""",
}


def records() -> list[dict]:
    """One record per derived text: the source, the derived text, and its labels."""
    out = []
    for p in PAIRS:
        heavy = REWORDED.get(p["id"], {})
        variants = {"faithful": (p["faithful"], []), "planted": (p["planted"], p["labels"])}
        if heavy:
            variants["reworded"] = (heavy["faithful"], [])
            variants["reworded-planted"] = (heavy["planted"], heavy["labels"])
        if p["id"] in CONDENSED:
            variants["condensed"] = (CONDENSED[p["id"]], [])
        for variant, (derived, labels) in variants.items():
            spans = []
            for kind, text in labels:
                start = derived.find(text)
                if start < 0 or derived.find(text, start + 1) >= 0:
                    raise ValueError(f"{p['id']}: label {text!r} must occur exactly once")
                spans.append({"kind": kind, "start": start, "end": start + len(text), "text": text})
            out.append(
                {
                    "id": f"{p['id']}-{variant}",
                    "faithful": not labels,
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
