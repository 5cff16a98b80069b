"""Synthetic dossiers: a complete, valid, realistic dossier of any size, for benchmarks and tests.

    synthesize(Path("/tmp/bench"), events=10_000, seed=1)  # writes /tmp/bench/dossier/<kind>/*.yaml
    python scripts/benchmarks/synth.py --events 10000 --out /tmp/bench [--seed 1]  # the same, from a shell

The records read like the real ones: French text with accents, typographic apostrophes and
« guillemets »; names with their spelling variants (Sergueï/Serguei, Kouznetsov/Kuznetsov,
Guérin/Guerin); claims with quotes; notes; citations relayed through other outlets (`via`);
contradictions whose sides cite claims. Proportions follow a growing dossier of news about
military and diplomatic contacts: per event, half a source, a third of a person, an eighth
of an organisation, a tenth of a place, 1.5 claims, and a contradiction every 50 events; on
top come fixed sets (12 news outlets, 44 countries, 14 regions and seas, 12 topics). Places,
topics, organisations and people level off when their lists run out, as a real dossier's
would (about 1,200 places from 11,500 events, 60 topics from 12,000, 4,400 organisations
from 35,000, 18,700 people from 56,000).

Names never trip the near-duplicate warning (similar.py): two name families (first names,
surnames, cities, countries' adjectives) always differ by a word under similar.WORD_THRESHOLD
alike, every full name is unique, and a bare surname is an alias only when nobody else has it.

The output depends on (events, seed) only: one random.Random(seed), lists in a fixed order,
no clock. Files are written by fmt.dump_record, in `dossier fmt`'s canonical layout.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any, Optional, Sequence

if __package__ in (None, ""):  # run as `python scripts/benchmarks/synth.py`: find dossiergen in scripts/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossiergen.contrib.fmt import dump_record  # noqa: E402
from dossiergen.core.errors import visible  # noqa: E402
from dossiergen.core.text import fold_accents, fr_at, from_language  # noqa: E402
from dossiergen.model.records import KINDS, PartialDate  # noqa: E402
from dossiergen.model.schema import LANGUAGES  # noqa: E402
from dossiergen.model.validate import MAX_SLUG, slugify  # noqa: E402

LAST_DAY = dt.date(2025, 12, 31)  # nothing after: never a future date
FIRST_YEAR = 1990

# --- names -----------------------------------------------------------------------------
# One culture: first names, then surnames. "/" joins spellings of one name (French usage
# first, then English transliteration); "*" marks a woman's first name; "!" a surname whose
# feminine form (Orlova) is too close to another's, so no woman gets it. No two families
# anywhere in these lists, feminine forms included, are alike enough to pass similar.py's
# word test (tests/test_synth.py checks it).
CULTURES: dict[str, tuple[str, str]] = {
    "russe": (
        "Sergueï/Sergei Valeri/Valery Dmitri/Dmitry Mikhaïl/Mikhail Alexeï/Alexei Andreï/Andrei "
        "Nikolaï/Nikolai Iouri/Yuri Evgueni/Yevgeny Guennadi/Gennady Viatcheslav/Vyacheslav Piotr/Pyotr Oleg "
        "Igor Boris Vladimir Anatoli/Anatoly Konstantin Tatiana/Tatyana* Irina* Natalia/Natalya* Viktor Roman "
        "Pavel Grigori/Grigory Vassili/Vasily Arkadi/Arkady Leonid Fiodor/Fyodor Ekaterina/Yekaterina* "
        "Svetlana* Lioudmila/Lyudmila* Stanislav Denis Maxime/Maxim Kirill Ilia/Ilya Vitali/Vitaly",
        "Kouznetsov/Kuznetsov Smirnov Popov Vassiliev/Vasilyev Sokolov Mikhaïlov/Mikhailov Novikov "
        "Fiodorov/Fyodorov Morozov Volkov Alexeïev/Alekseyev Lebedev Iegorov/Yegorov Pavlov Stepanov "
        "Nikolaïev/Nikolayev Orlov! Andreïev/Andreyev Makarov Zaïtsev/Zaitsev Soloviov/Solovyov "
        "Borissov/Borisov Iakovlev/Yakovlev Grigoriev/Grigoryev Romanov Vorobiov/Vorobyov Sergueïev/Sergeyev "
        "Kouzmine/Kuzmin Frolov Alexandrov Dmitriev Korolev Goussev/Gusev! Kisselev/Kiselyov Iliine/Ilyin "
        "Maximov Poliakov/Polyakov! Sorokine/Sorokin Vinogradov Kovaliov/Kovalyov Belov Antonov "
        "Tarassov/Tarasov Joukov/Zhukov Baranov! Filippov Komarov! Davydov Beliaïev/Belyayev Bogdanov "
        "Ossipov/Osipov! Matveïev/Matveyev Titov Krylov Vlassov/Vlasov Melnikov Denissov/Denisov Gavrilov! "
        "Tikhonov Kazakov Afanassiev/Afanasyev Danilov! Timofeïev/Timofeyev Fomine/Fomin Tchernov/Chernov "
        "Abramov! Martynov Efimov/Yefimov Fedotov Chtcherbakov/Shcherbakov Kalinine/Kalinin Issaïev/Isayev "
        "Tchernychev/Chernyshev! Bykov Maslov Rodionov Lazarev Klimov Filatov Ponomariov/Ponomaryov "
        "Goloubev/Golubev! Koudriavtsev/Kudryavtsev Prokhorov Naoumov/Naumov Jouravliov/Zhuravlyov "
        "Ovtchinnikov/Ovchinnikov Leonov Sobolev! Ermakov/Yermakov! Kolesnikov Gontcharov/Goncharov "
        "Emelianov/Yemelyanov Nikitine/Nikitin Tretiakov/Tretyakov Chtchoukine/Shchukin Blokhine/Blokhin "
        "Souvorov/Suvorov Gorbounov/Gorbunov Safonov! Tsvetkov Zouïev/Zuyev Lavrentiev/Lavrentyev "
        "Ignatiev/Ignatyev!",
    ),
    "ukrainien": (
        "Volodymyr Oleksandr Mykola Petro Taras Bohdan Iouliia/Yuliia* Oksana* Vasyl Iaroslav/Yaroslav Dmytro "
        "Ostap Halyna* Lessia/Lesya* Serhiï/Serhiy Oleksiï/Oleksiy Zenoviï/Zenoviy",
        "Chevtchenko/Shevchenko Kovalenko Bondarenko Tkatchenko/Tkachenko Oliïnyk/Oliynyk "
        "Polichtchouk/Polishchuk Lyssenko/Lysenko Rudenko Petrenko Pavlenko Melnyk Kovaltchouk/Kovalchuk "
        "Tymochenko/Tymoshenko Haïdaï/Haidai Zaporojets/Zaporozhets Kostenko Yarmolenko "
        "Vdovytchenko/Vdovychenko",
    ),
    "anglo": (
        "John Michael James Robert William David Richard Thomas Christopher Daniel Matthew Anthony Mark "
        "Steven Kevin Brian Jennifer* Susan* Karen* Elizabeth* Patricia* Linda* Barbara* Margaret* Kenneth "
        "Timothy Jeffrey Raymond Douglas Lloyd Frank Scott Ryan Kathleen* Heather* Amanda* Charles Joseph "
        "George Edward Ronald Gary Nancy* Sandra* Donna* Deborah* Rebecca* Laura* Sharon* Cynthia* Angela* "
        "Melissa* Brenda* Pamela*",
        "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson Thompson White "
        "Harris Clark Lewis Robinson Walker Young Allen King Wright Hill Green Adams Baker Nelson Carter "
        "Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Reed Cook "
        "Morgan Bell Murphy Bailey Cooper Richardson Cox Howard Peterson Gray Watson Brooks Kelly Price "
        "Bennett Wood Barnes Ross Coleman Jenkins Perry Powell Long Hughes Butler Simmons Foster Bryant "
        "Russell Griffin Hayes Myers Ford Hamilton Graham Sullivan Wallace Cole West Owens Reynolds Fisher "
        "Ellis Gibson McDonald Marshall Stone Murray Hunt Palmer Holmes Webb Crawford Boyd Mason Dixon Burns "
        "Gordon Shaw Fleming Hudson Lawrence Hart Spencer Weaver Lane Ferguson Hawkins Dunn Perkins Hopkins "
        "Austin Warren Fox Riley Armstrong Elliott Knight Newman Harper Chapman Sutton",
    ),
    "français": (
        "Jean Pierre François/Francois Philippe Nicolas Laurent Frédéric/Frederic Stéphane/Stephane Olivier "
        "Thierry Éric/Eric Isabelle* Sylvie* Catherine* Florence* Véronique/Veronique* Hélène/Helene* Bertrand "
        "Gérard/Gerard Didier Hervé/Herve Benoît/Benoit Rémi/Remi Sébastien/Sebastien Mathilde* Élise/Elise* "
        "Jérôme/Jerome Bruno Yves Guillaume Vincent Arnaud Cécile/Cecile* Agnès/Agnes* Delphine* Sophie* Claire*",
        "Bernard Dubois Durand Leroy Moreau Lefèvre/Lefevre Garcia Roux Fournier Girard Mercier Dupont "
        "Lambert Legrand Garnier Faure Rousseau Blanc Guérin/Guerin Henry Morin Mathieu Clément/Clement "
        "Gauthier Fontaine Chevalier Boyer Lemaire Duval Joly Roche Noël/Noel Meunier Marchand Dufour "
        "Blanchard Barbier Brun Dumas Schmitt Rolland Caron Leclerc Vidal Bourgeois Renaud Lemoine Picard "
        "Gaillard Lacroix Dupuis Hubert Guillot Rivière/Riviere Moulin Berger Lecomte Fleury Deschamps Aubry "
        "Vasseur Jacquet Prévost/Prevost Poirier Charpentier Dupuy Pons Carré/Carre Breton Perrot Guyot "
        "Cousin Tessier Besson Delorme Chauvin",
    ),
    "centrasiatique": (
        "Chavkat/Shavkat Roustam/Rustam Abdoulaziz/Abdulaziz Bakhtiyor Nourlan/Nurlan Kassym/Kasym Askar "
        "Erlan/Yerlan Daniyar Saparmourat/Saparmurat Almazbek Kamtchybek/Kamchybek Nourbek/Nurbek "
        "Dilchod/Dilshod Otabek Cherzod/Sherzod Djamchid/Jamshid Farroukh/Farrukh Oulougbek/Ulugbek Dilnoza* "
        "Goulnara/Gulnara* Aïgoul/Aigul* Zarina* Madina* Bekzod Talgat Serik Bolat Akylbek Azamat "
        "Jeenbek/Zheenbek",
        "Ismoïlov/Ismoilov Rakhimov/Rahimov! Youssoupov/Yusupov Abdoullaïev/Abdullayev Moukhamedov/Mukhamedov "
        "Saïdov/Saidov Khodjaïev/Khojaev Tourgounov/Turgunov! Ergachev/Ergashev Joumabaïev/Zhumabayev "
        "Kassymov/Kasymov Seïtkaliev/Seitkaliev Jaksybekov/Zhaksybekov Djouraïev/Juraev! "
        "Bekmouratov/Bekmuratov Kourbanov/Kurbanov Tokhtarov Abdrakhmanov Saparov! Atamouradov/Atamuradov "
        "Berdyïev/Berdiev! Toktogoulov/Toktogulov Isakov! Jolbarsov Nourpeïssov/Nurpeisov! "
        "Sarsenbaïev/Sarsenbayev Tachmatov/Tashmatov Niyazov Esenov! Kadyrov! Mamytov! Beknazarov "
        "Yuldachev/Yuldashev Usmonov! Charipov/Sharipov! Jantouriev/Zhanturiev",
    ),
    "persan": (
        "Mohammad Hossein Reza Mehdi Abbas Javad Farhad Mojtaba Amir Parviz Davoud Kazem Behrouz "
        "Massoud/Masoud Zahra* Maryam* Fatemeh* Ashraf Amrullah Zabihullah Nasrin* Shirin* Kourosh/Kurosh "
        "Dariush Siavash Ghulam Habib Najibullah Sayed Ismaïl/Ismail",
        "Hosseini Rezaï/Rezaei Mohammadi Ahmadi Karimi Moussavi/Mousavi Jafari Sadeghi Heydari Ghasemi "
        "Rostami Kazemi Sharifi Bagheri Shirazi Nouri Tavakoli Ebrahimi Amini Akbari Farahani Soltani Naderi "
        "Ansari Jalali Kamali Popalzaï/Popalzai Barakzaï/Barakzai Noorzaï/Noorzai Stanekzaï/Stanekzai Wardak "
        "Mohseni Safi Mangal Nazari Azizi Habibi Fazli Yazdani Behzadi Ghorbani Tehrani",
    ),
    "arabe": (
        "Ahmed Khaled Youssef/Yousef Ibrahim Fayçal/Faisal Nabil Tarek/Tariq Walid Karim Hicham/Hisham Mounir "
        "Rachid Salim Fadi Ayman Jamal Moustafa/Mustafa Nasser Layla/Leila* Rania* Nour* Yasmine* Souad* "
        "Fatima* Ziad Marwan Bassam Ghassan Issam",
        "Haddad Khoury Mansour Saleh Abboud Al-Masri Darwich/Darwish Khalil Jaber Qassem Tamimi Zoubi Obeidi "
        "Othman Fayad Azzam Daoud Kanaan Najjar Rifaï/Rifai Sabbagh Chalabi/Shalabi Belkacem Benali Bouzid "
        "Chérif/Cherif Djebbar Kaci Mebarki Ouali Rahal Slimani Zerrouki Alaoui Berrada Tazi Lahlou "
        "Al-Otaïbi/Al-Otaibi Al-Qahtani Al-Dossari/Al-Dosari Al-Harbi Al-Zahrani Al-Moutairi/Al-Mutairi "
        "Al-Kouwari/Al-Kuwari Al-Nouaïmi/Al-Nuaimi Al-Ketbi Sarraf Nassif Zeid Tabbara",
    ),
    "turc": (
        "Mehmet Hakan Murat Emre Burak Serkan Volkan Kemal Cengiz Levent Ayşe/Ayse* Elif* Zeynep* Ilham Elnur "
        "Rauf Vugar Tural Anar Orhan Yusuf Tolga",
        "Yılmaz/Yilmaz Kaya Demir Şahin/Sahin Çelik/Celik Yıldız/Yildiz Öztürk/Ozturk Aydın/Aydin Arslan "
        "Doğan/Dogan Kılıç/Kilic Çetin/Cetin Koç/Koc Kurt Özkan/Ozkan Şimşek/Simsek Polat Erdem Aliyev! "
        "Mammadov Huseynov! Hasanov Abbasov! Rzayev! Karaca Tekin Ünal/Unal Güneş/Gunes Bulut Taş/Tas "
        "Erdoğdu/Erdogdu",
    ),
    "allemand": (
        "Klaus Jürgen/Juergen Wolfgang Stefan Thorsten Uwe Dieter Matthias Annegret* Ursula* Heike* Sabine* "
        "Joachim Helmut Holger Ingrid* Gudrun*",
        "Schneider Weber Wagner Becker Schulz Hoffmann Schäfer/Schaefer Richter Klein Wolf Schwarz Zimmermann "
        "Krüger/Krueger Hartmann Werner Krause Lehmann Köhler/Koehler Kaiser Fuchs Weiß/Weiss Jung Hahn Vogel "
        "Friedrich Frank Winkler Roth Lorenz Baumann",
    ),
    "chinois": (  # written surname first
        "Wei Jun Hui Ming Qiang Tao Bo Hong Xin Gang Hao Peng",
        "Wang Li Zhang Chen Zhao Wu Xu Sun Ma Hu He Gao Luo Liang Xie Feng",
    ),
}
# First name and surname too alike to go together: with Grigori Grigoriev, any other Grigoriev
# would read as his near-duplicate (both his words match the surname).
CLOSE_PAIRS = set((
    "Sergueï:Sergueïev Dmitri:Dmitriev Mikhaïl:Mikhaïlov Alexeï:Alexeïev Andreï:Andreïev Nikolaï:Nikolaïev "
    "Boris:Borissov Roman:Romanov Grigori:Grigoriev Vassili:Vassiliev Fiodor:Fiodorov Denis:Denissov Maxime:Maximov "
    "Petro:Petrenko Michael:Mitchell Robert:Roberts William:Williams David:Davis Richard:Richardson Ryan:Bryant "
    "Edward:Edwards Gary:Gray Gérard:Bernard Gérard:Girard Mathilde:Mathieu Bruno:Brun Arnaud:Renaud Claire:Lemaire "
    "Abdoulaziz:Abdoullaïev Kassym:Kassymov Mohammad:Mohammadi Hossein:Hosseini Reza:Rezaï Kazem:Kazemi "
    "Shirin:Shirazi Habib:Habibi Ziad:Zeid Hui:Hu Qiang:Liang Gang:Wang Hao:Zhao Peng:Feng"
).split(" "))
SURNAME_FIRST = {"chinois"}
FEMININE_SURNAMES = {"russe", "ukrainien", "centrasiatique", "turc"}  # Smirnov -> Smirnova, Aliyev -> Aliyeva

# --- places ----------------------------------------------------------------------------
# Country: name, article (la, le, l’, les, or "" for none), adjective (masculine, feminine),
# centre, region, weight in the news, culture of its people, aliases, cities. A city is
# "name:lat:lon[:alias]"; the first is the capital.
COUNTRIES: list[tuple[str, str, str, str, float, float, str, int, str, str, str]] = [
    ("Russie", "la", "russe", "russe", 61.5, 105.3, "", 10, "russe", "Fédération de Russie",
     "Moscou:55.76:37.62:Moskva; Saint-Pétersbourg:59.94:30.31; Kaliningrad:54.71:20.51; Rostov-sur-le-Don:47.24:39.71; "
     "Novossibirsk:55.03:82.92:Novosibirsk; Vladivostok:43.12:131.89; Mourmansk:68.97:33.09:Murmansk; Kazan:55.79:49.12; "
     "Iekaterinbourg:56.84:60.61:Yekaterinburg; Sotchi:43.6:39.73:Sochi; Koursk:51.73:36.19:Kursk; Belgorod:50.6:36.59"),
    ("États-Unis", "les", "américain", "américaine", 39.8, -98.6, "Amérique du Nord", 10, "anglo", "Amérique",
     "Washington:38.9:-77.04; New York:40.71:-74.01; Norfolk:36.85:-76.29; San Diego:32.72:-117.16; Tampa:27.95:-82.46; "
     "Colorado Springs:38.83:-104.82; Honolulu:21.31:-157.86; Anchorage:61.22:-149.9"),
    ("Canada", "le", "canadien", "canadienne", 56.1, -106.3, "Amérique du Nord", 1, "anglo", "",
     "Ottawa:45.42:-75.7; Montréal:45.5:-73.57:Montreal; Vancouver:49.28:-123.12; Winnipeg:49.9:-97.14"),
    ("Royaume-Uni", "le", "britannique", "britannique", 54.0, -2.0, "Europe", 3, "anglo", "Grande-Bretagne",
     "Londres:51.51:-0.13:London; Portsmouth:50.82:-1.09; Édimbourg:55.95:-3.19:Edinburgh; Plymouth:50.38:-4.14; "
     "Northwood:51.61:-0.42"),
    ("France", "la", "français", "française", 46.6, 2.4, "Europe", 3, "français", "",
     "Paris:48.86:2.35; Toulon:43.12:5.93; Brest:48.39:-4.49; Strasbourg:48.57:7.75; Marseille:43.3:5.37; "
     "Bordeaux:44.84:-0.58; Lyon:45.76:4.84"),
    ("Allemagne", "l’", "allemand", "allemande", 51.2, 10.4, "Europe", 2, "allemand", "",
     "Berlin:52.52:13.4; Munich:48.14:11.58:München; Hambourg:53.55:9.99:Hamburg; Bonn:50.74:7.1; "
     "Ramstein:49.44:7.6; Cologne:50.94:6.96:Köln; Stuttgart:48.78:9.18"),
    ("Belgique", "la", "belge", "belge", 50.6, 4.6, "Europe", 1, "français", "",
     "Bruxelles:50.85:4.35:Brussel; Anvers:51.22:4.4:Antwerpen; Liège:50.63:5.57; Mons:50.45:3.95; Ostende:51.22:2.93:Oostende"),
    ("Suisse", "la", "suisse", "suisse", 46.8, 8.2, "Europe", 2, "français", "Confédération helvétique",
     "Berne:46.95:7.45:Bern; Genève:46.2:6.14:Geneva; Zurich:47.38:8.54:Zürich; Lausanne:46.52:6.63; Lugano:46.0:8.95"),
    ("Finlande", "la", "finlandais", "finlandaise", 64.0, 26.0, "Europe", 1, "", "",
     "Helsinki:60.17:24.94; Tampere:61.5:23.76; Turku:60.45:22.27; Oulu:65.01:25.47; Rovaniemi:66.5:25.73"),
    ("Norvège", "la", "norvégien", "norvégienne", 64.5, 12.0, "Europe", 1, "", "",
     "Oslo:59.91:10.75; Bergen:60.39:5.32; Tromsø:69.65:18.96:Tromso; Bodø:67.28:14.4:Bodo; Kirkenes:69.73:30.05"),
    ("Pologne", "la", "polonais", "polonaise", 52.0, 19.4, "Europe", 2, "", "",
     "Varsovie:52.23:21.01:Warszawa; Cracovie:50.06:19.94:Kraków; Gdansk:54.35:18.65:Gdańsk; Rzeszów:50.04:22.0:Rzeszow; "
     "Poznań:52.41:16.93:Poznan"),
    ("Italie", "l’", "italien", "italienne", 42.8, 12.8, "Europe", 1, "", "",
     "Rome:41.9:12.5:Roma; Naples:40.85:14.27:Napoli; Catane:37.5:15.09:Catania; Aviano:46.07:12.59; "
     "Tarente:40.46:17.24:Taranto; Vicence:45.55:11.55:Vicenza"),
    ("Grèce", "la", "grec", "grecque", 39.1, 22.0, "Europe", 1, "", "",
     "Athènes:37.98:23.73:Athens; Thessalonique:40.64:22.94:Thessaloniki; Le Pirée:37.94:23.65:Piraeus; "
     "Larissa:39.64:22.42; Patras:38.25:21.73; La Canée:35.51:24.02:Chania"),
    ("Turquie", "la", "turc", "turque", 39.0, 35.2, "Moyen-Orient", 4, "turc", "",
     "Ankara:39.93:32.86; Istanbul:41.01:28.98; Konya:37.87:32.48; Izmir:38.42:27.14:İzmir; Antalya:36.9:30.7; "
     "Trabzon:41.0:39.72; Diyarbakır:37.91:40.24:Diyarbakir"),
    ("Ukraine", "l’", "ukrainien", "ukrainienne", 49.0, 31.4, "Europe", 5, "ukrainien", "",
     "Kiev:50.45:30.52:Kyiv; Odessa:46.48:30.72:Odesa; Kharkiv:49.99:36.23:Kharkov; "
     "Dnipro:48.46:35.05; Marioupol:47.1:37.55:Mariupol; Zaporijjia:47.84:35.14:Zaporizhzhia; Tchernihiv:51.49:31.29:Chernihiv"),
    ("Biélorussie", "la", "biélorusse", "biélorusse", 53.7, 28.0, "Europe", 2, "russe", "Bélarus",
     "Minsk:53.9:27.56; Gomel:52.44:30.98:Homiel; Vitebsk:55.19:30.2; Grodno:53.68:23.83:Hrodna; "
     "Moguilev:53.9:30.33:Mogilev"),
    ("Estonie", "l’", "estonien", "estonienne", 58.6, 25.0, "Europe", 1, "", "",
     "Tallinn:59.44:24.75; Paldiski:59.35:24.05; Narva:59.38:28.19; Pärnu:58.39:24.5:Parnu"),
    ("Géorgie", "la", "géorgien", "géorgienne", 42.3, 43.4, "Caucase", 2, "", "",
     "Tbilissi:41.72:44.79:Tbilisi; Batoumi:41.64:41.64:Batumi; Koutaïssi:42.27:42.7:Kutaisi; Roustavi:41.55:45.0:Rustavi; "
     "Gori:41.98:44.11"),
    ("Arménie", "l’", "arménien", "arménienne", 40.1, 45.0, "Caucase", 2, "", "",
     "Erevan:40.18:44.51:Yerevan; Gumri:40.79:43.85:Gyumri; Vanadzor:40.81:44.49"),
    ("Azerbaïdjan", "l’", "azerbaïdjanais", "azerbaïdjanaise", 40.3, 47.7, "Caucase", 3, "turc", "",
     "Bakou:40.41:49.87:Baku; Gandja:40.68:46.36:Ganja; Soumgaït:40.59:49.67:Sumqayit; Nakhitchevan:39.21:45.41:Nakhchivan"),
    ("Kazakhstan", "le", "kazakh", "kazakhe", 48.0, 67.0, "Asie centrale", 4, "centrasiatique", "",
     "Astana:51.17:71.45; Almaty:43.24:76.95; Kyzylorda:44.85:65.51; Aktaou:43.65:51.17:Aktau; "
     "Karaganda:49.81:73.09; Baïkonour:45.62:63.31:Baikonur"),
    ("Ouzbékistan", "l’", "ouzbek", "ouzbèke", 41.4, 64.6, "Asie centrale", 4, "centrasiatique", "",
     "Tachkent:41.3:69.24:Tashkent; Samarcande:39.65:66.96:Samarkand; Boukhara:39.77:64.42:Bukhara; "
     "Termez:37.22:67.28; Andijan:40.78:72.34; Noukous:42.46:59.6:Nukus"),
    ("Tadjikistan", "le", "tadjik", "tadjike", 38.9, 71.0, "Asie centrale", 4, "centrasiatique", "",
     "Douchanbé:38.56:68.79:Dushanbe; Khodjent:40.28:69.62:Khujand; Kouliab:37.91:69.78:Kulob; Nourek:38.39:69.32:Nurek; "
     "Khorog:37.49:71.55"),
    ("Kirghizistan", "le", "kirghiz", "kirghize", 41.2, 74.8, "Asie centrale", 4, "centrasiatique", "Kirghizstan",
     "Bichkek:42.87:74.59:Bishkek; Talas:42.52:72.24; Kant:42.89:74.85; Karakol:42.49:78.39; "
     "Djalal-Abad:40.93:73.0:Jalal-Abad"),
    ("Turkménistan", "le", "turkmène", "turkmène", 39.0, 59.6, "Asie centrale", 2, "centrasiatique", "",
     "Achgabat:37.96:58.33:Ashgabat; Turkmenbachy:40.02:52.96:Turkmenbashi; Mary:37.59:61.83; "
     "Dachoguz:41.84:59.97:Dashoguz"),
    ("Afghanistan", "l’", "afghan", "afghane", 33.9, 67.7, "Asie du Sud", 6, "persan", "",
     "Kaboul:34.53:69.17:Kabul; Kandahar:31.61:65.71; Hérat:34.35:62.2; Mazar-e Charif:36.71:67.11:Mazar-i-Sharif; "
     "Bagram:34.96:69.26; Jalalabad:34.43:70.45; Kondoz:36.73:68.86:Kunduz"),
    ("Pakistan", "le", "pakistanais", "pakistanaise", 30.4, 69.3, "Asie du Sud", 3, "persan", "",
     "Islamabad:33.68:73.05; Karachi:24.86:67.01; Peshawar:34.01:71.58; Lahore:31.55:74.34; Quetta:30.18:66.98; "
     "Rawalpindi:33.6:73.04"),
    ("Inde", "l’", "indien", "indienne", 21.0, 78.0, "Asie du Sud", 2, "", "",
     "New Delhi:28.61:77.21; Bombay:19.08:72.88:Mumbai; Calcutta:22.57:88.36:Kolkata; Madras:13.08:80.27:Chennai; "
     "Bangalore:12.97:77.59:Bengaluru"),
    ("Iran", "l’", "iranien", "iranienne", 32.4, 53.7, "Moyen-Orient", 4, "persan", "République islamique d’Iran",
     "Téhéran:35.69:51.39:Tehran; Ispahan:32.65:51.67:Isfahan; Bandar Abbas:27.18:56.27; Machhad:36.3:59.61:Mashhad; "
     "Tabriz:38.08:46.29; Chiraz:29.59:52.58:Shiraz; Bouchehr:28.97:50.84:Bushehr"),
    ("Syrie", "la", "syrien", "syrienne", 35.0, 38.5, "Moyen-Orient", 4, "arabe", "",
     "Damas:33.51:36.29:Damascus; Alep:36.2:37.13:Aleppo; Lattaquié:35.52:35.78:Latakia; Tartous:34.89:35.89:Tartus; "
     "Deir ez-Zor:35.34:40.14; Homs:34.73:36.72"),
    ("Liban", "le", "libanais", "libanaise", 33.9, 35.9, "Moyen-Orient", 1, "arabe", "",
     "Beyrouth:33.89:35.5:Beirut; Tripoli:34.44:35.83; Tyr:33.27:35.2:Tyre; Baalbek:34.01:36.21"),
    ("Israël", "", "israélien", "israélienne", 31.0, 34.9, "Moyen-Orient", 2, "", "",
     "Jérusalem:31.77:35.21:Jerusalem; Tel-Aviv:32.09:34.78; Haïfa:32.79:34.99:Haifa; Beer-Sheva:31.25:34.79; "
     "Eilat:29.56:34.95"),
    ("Jordanie", "la", "jordanien", "jordanienne", 31.2, 36.5, "Moyen-Orient", 1, "arabe", "",
     "Amman:31.95:35.93; Mafraq:32.34:36.21; Irbid:32.56:35.85; Zarqa:32.07:36.09"),
    ("Égypte", "l’", "égyptien", "égyptienne", 26.8, 30.8, "Afrique septentrionale", 2, "arabe", "",
     "Le Caire:30.04:31.24:Cairo; Alexandrie:31.2:29.92:Alexandria; Port-Saïd:31.26:32.3:Port Said; Suez:29.97:32.53; "
     "Assouan:24.09:32.9:Aswan"),
    ("Arabie saoudite", "l’", "saoudien", "saoudienne", 23.9, 45.1, "Moyen-Orient", 2, "arabe", "",
     "Riyad:24.71:46.68:Riyadh; Djeddah:21.49:39.19:Jeddah; Dhahran:26.29:50.11; Tabouk:28.38:36.57:Tabuk; "
     "Médine:24.47:39.61:Medina"),
    ("Qatar", "le", "qatari", "qatarie", 25.3, 51.2, "Moyen-Orient", 2, "arabe", "",
     "Doha:25.29:51.53; Al-Khor:25.68:51.5; Al-Wakra:25.17:51.6"),
    ("Émirats arabes unis", "les", "émirien", "émirienne", 23.4, 53.8, "Moyen-Orient", 1, "arabe", "",
     "Abou Dhabi:24.45:54.38:Abu Dhabi; Dubaï:25.2:55.27:Dubai; Charjah:25.35:55.42:Sharjah; "
     "Fujaïrah:25.13:56.33:Fujairah"),
    ("Algérie", "l’", "algérien", "algérienne", 28.0, 1.7, "Afrique septentrionale", 1, "arabe", "",
     "Alger:36.75:3.06:Algiers; Oran:35.7:-0.63; Constantine:36.37:6.61; Annaba:36.9:7.76"),
    ("Maroc", "le", "marocain", "marocaine", 31.8, -7.1, "Afrique septentrionale", 1, "arabe", "",
     "Rabat:34.02:-6.84; Casablanca:33.57:-7.59; Tanger:35.76:-5.83:Tangier; Marrakech:31.63:-8.01"),
    ("Chine", "la", "chinois", "chinoise", 35.9, 104.2, "Asie de l’Est", 4, "chinois", "République populaire de Chine",
     "Pékin:39.9:116.41:Beijing; Shanghai:31.23:121.47; Canton:23.13:113.26:Guangzhou; Ouroumtsi:43.83:87.62:Urumqi; "
     "Kachgar:39.47:75.99:Kashgar; Qingdao:36.07:120.38"),
    ("Japon", "le", "japonais", "japonaise", 36.2, 138.3, "Asie de l’Est", 1, "", "",
     "Tokyo:35.68:139.69; Yokosuka:35.28:139.67; Sasebo:33.16:129.72; Naha:26.21:127.68; Osaka:34.69:135.5"),
    ("Corée du Sud", "la", "sud-coréen", "sud-coréenne", 35.9, 127.8, "Asie de l’Est", 1, "", "",
     "Séoul:37.57:126.98:Seoul; Pusan:35.18:129.08:Busan; Incheon:37.46:126.71; Pyeongtaek:36.99:127.11"),
    ("Corée du Nord", "la", "nord-coréen", "nord-coréenne", 40.3, 127.5, "Asie de l’Est", 1, "", "",
     "Pyongyang:39.04:125.76; Wonsan:39.15:127.44; Hamhung:39.92:127.54"),
    ("Mongolie", "la", "mongol", "mongole", 46.9, 103.8, "Asie de l’Est", 1, "", "",
     "Oulan-Bator:47.89:106.91:Ulaanbaatar; Erdenet:49.03:104.08; Darkhan:49.47:105.96"),
]
# Regions and seas: name, kind, centre, aliases.
REGIONS: list[tuple[str, str, float, float, str]] = [
    ("Europe", "region", 54.5, 15.3, ""),
    ("Asie centrale", "region", 43.0, 65.0, "Asie Centrale"),
    ("Moyen-Orient", "region", 29.0, 45.0, "Proche-Orient"),
    ("Caucase", "region", 42.0, 44.5, "Caucase du Sud"),
    ("Asie de l’Est", "region", 35.0, 115.0, "Extrême-Orient"),
    ("Amérique du Nord", "region", 45.0, -100.0, ""),
    ("Afrique septentrionale", "region", 27.0, 10.0, "Maghreb"),
    ("Asie du Sud", "region", 25.0, 75.0, ""),
    ("Mer Noire", "body-of-water", 43.2, 34.0, ""),
    ("Mer Baltique", "body-of-water", 58.5, 19.5, "Baltique"),
    ("Golfe Persique", "body-of-water", 26.5, 52.0, "golfe Arabo-Persique"),
    ("Mer Caspienne", "body-of-water", 41.7, 50.6, "Caspienne"),
    ("Méditerranée orientale", "body-of-water", 34.0, 30.0, ""),
    ("Mer de Chine méridionale", "body-of-water", 12.0, 113.0, ""),
]
# Places derived from a city: name pattern (de/d’ elided), kind, how far from the city, "at" and "near" prefixes.
CITY_FORMS = [
    ("Aéroport {de}{city}", "airport", 0.08, "à l’", "près de l’"),
    ("Base aérienne {de}{city}", "base", 0.15, "à la ", "près de la "),
    ("Camp militaire {de}{city}", "base", 0.2, "au ", "près du "),
    ("Région {de}{city}", "region", 0.0, "dans la ", "dans la "),
]
# Countries whose adjective is too close to another's (iranien, ukrainien): their state bodies
# are named after the country (Forces armées de l’Iran), with no adjective aliases.
PLAIN_NAMED = {"Suisse", "Maroc", "Canada", "Norvège", "Japon", "Italie", "Iran", "Inde", "Jordanie", "Émirats arabes unis",
               "Algérie", "Israël"}
# How state bodies name a country when "de l’Iran" would read too close to "du Liban" (similar.py
# keeps the l of l’Iran: liran).
ORG_DE = {"Iran": "de la République islamique d’Iran"}
NEUTRAL_VENUES = ("suisse", "finlande", "belgique", "qatar", "kazakhstan", "emirats-arabes-unis", "turquie")

# --- organisations ---------------------------------------------------------------------
# State bodies, one per country and template: key, kind, name, article, aliases, parent key,
# description. {de}: "de la Russie"; {m}, {f}, {mp}, {fp}: the adjective's forms.
ORG_TEMPLATES: list[tuple[str, str, str, str, tuple[str, ...], str, str]] = [
    ("government", "government", "Gouvernement {de}", "le ", ("gouvernement {m}",), "",
     "Pouvoir exécutif {de}, dont les membres s’expriment sur les questions de défense et de politique étrangère."),
    ("forces", "armed-forces", "Forces armées {fp}", "les ", ("armée {f}",), "defence",
     "Ensemble des armées {de}, placées sous l’autorité du ministère de la Défense."),
    ("foreign", "ministry", "Ministère des Affaires étrangères {de}", "le ", ("diplomatie {f}", "ministère {m} des Affaires étrangères"), "government",
     "Ministère chargé de la diplomatie {de} ; ses porte-parole commentent régulièrement les contacts avec l’étranger."),
    ("defence", "ministry", "Ministère de la Défense {de}", "le ", ("ministère {m} de la Défense",), "government",
     "Ministère chargé des armées {de}, dont les communiqués annoncent exercices, déploiements et rencontres."),
    ("presidency", "presidency", "Présidence {de}", "la ", ("présidence {f}",), "",
     "Services du chef de l’État {de}, qui annoncent les entretiens et les sommets."),
    ("staff", "military-staff", "État-major général des forces armées {fp}", "l’", ("état-major {m}", "état-major général {m}"), "forces",
     "Organe de commandement des armées {de}, interlocuteur des états-majors étrangers."),
    ("security", "security-council", "Conseil de sécurité nationale {de}", "le ", ("Conseil de sécurité {m}",), "presidency",
     "Organe qui coordonne la politique de sécurité {de} auprès du chef de l’État."),
    ("intel", "intelligence", "Service de renseignement extérieur {de}", "le ", ("renseignement {m}",), "government",
     "Service chargé du renseignement à l’étranger {de} ; ses évaluations sont parfois citées par la presse."),
    ("interior", "ministry", "Ministère de l’Intérieur {de}", "le ", ("ministère {m} de l’Intérieur",), "government",
     "Ministère chargé de la sécurité intérieure et des frontières {de}."),
]
# Military units: "{n}e brigade motorisée russe", n from 10 to 99 (two-digit numbers differ enough).
UNIT_TEMPLATES: list[tuple[str, str, str]] = [
    ("{n}e brigade motorisée {f}", "armed-forces", "Brigade des forces terrestres {de}."),
    ("{n}e division aéroportée {f}", "armed-forces", "Division de troupes aéroportées {de}."),
    ("{n}e escadrille de chasse {f}", "military-command", "Escadrille de l’armée de l’air {de}."),
    ("{n}e flottille {f}", "military-command", "Flottille de la marine {de}."),
]
# International bodies: name, kind, article, aliases, description.
INTERNATIONAL: list[tuple[str, str, str, str, str]] = [
    ("Organisation du traité de l’Atlantique Nord", "alliance", "l’", "OTAN|Alliance atlantique",
     "Alliance militaire occidentale, dont les réunions ministérielles reviennent dans de nombreux événements du dossier."),
    ("Organisation du traité de sécurité collective", "alliance", "l’", "OTSC",
     "Alliance militaire conduite par la Russie, qui réunit plusieurs anciennes républiques soviétiques."),
    ("Organisation de coopération de Shanghai", "international-organisation", "l’", "OCS",
     "Organisation régionale de sécurité et de coopération réunissant notamment la Chine, la Russie et les pays d’Asie centrale."),
    ("Conseil de sécurité de l’ONU", "security-council", "le ", "",
     "Organe des Nations unies chargé du maintien de la paix, dont les résolutions encadrent plusieurs interventions."),
    ("Union européenne", "international-organisation", "l’", "UE",
     "Union politique et économique européenne, qui adopte des sanctions et finance des missions de formation."),
    ("Organisation pour la sécurité et la coopération en Europe", "international-organisation", "l’", "OSCE",
     "Organisation paneuropéenne de sécurité, qui envoie des observateurs dans les zones de conflit."),
    ("Ligue arabe", "international-organisation", "la ", "Ligue des États arabes",
     "Organisation régionale des États arabes, qui prend position sur les crises du Moyen-Orient."),
    ("Communauté des États indépendants", "international-forum", "la ", "CEI",
     "Forum des anciennes républiques soviétiques, où se tiennent des réunions de ministres de la Défense."),
    ("État islamique", "armed-group", "l’", "Daech|EI",
     "Groupe djihadiste armé, dont la présence est régulièrement invoquée pour justifier des opérations antiterroristes."),
    ("Al-Qaïda", "armed-group", "", "Al-Qaida",
     "Réseau djihadiste armé, dont la possible reconstitution est évoquée dans plusieurs déclarations."),
    ("G20", "international-forum", "le ", "",
     "Forum des vingt principales économies, en marge duquel se tiennent des rencontres bilatérales."),
    ("Conseil OTAN-Russie", "international-forum", "le ", "",
     "Instance de dialogue entre l’Alliance atlantique et la Russie, dont les réunions ont été suspendues à plusieurs reprises."),
]
# News outlets and agencies (fictitious): name, kind, article, aliases, country, status, domain, description.
OUTLETS: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("Agence continentale de presse", "news-agency", "l’", "ACP", "france", "public-statute", "acp-depeches.example",
     "Agence de presse généraliste, dont les dépêches sont reprises par de nombreux sites en français."),
    ("Agence Eurasie Information", "news-agency", "l’", "AEI|Eurasie Info", "russie", "state-owned", "eurasie-info.example",
     "Agence de presse publique, dont les dépêches reflètent souvent la position officielle de Moscou."),
    ("Atlantic Wire Service", "news-agency", "", "AWS", "etats-unis", "private", "atlanticwire.example",
     "Agence de presse anglophone, dont les informations exclusives sont souvent traduites et reprises."),
    ("Persépolis Presse", "news-agency", "", "Persepolis Press", "iran", "state-owned", "persepolis-presse.example",
     "Agence de presse publique, qui publie une édition en français."),
    ("Le Courrier de la Steppe", "newspaper", "le ", "Courrier de la Steppe", "kazakhstan", "private", "courrier-steppe.example",
     "Quotidien francophone consacré à l’Asie centrale, qui reprend largement les dépêches d’agence."),
    ("La Tribune du Levant", "newspaper", "la ", "Tribune du Levant", "liban", "private", "tribune-levant.example",
     "Quotidien généraliste, attentif aux crises du Moyen-Orient."),
    ("Le Veilleur de Genève", "newspaper", "le ", "Veilleur de Genève", "suisse", "cooperative", "veilleur-geneve.example",
     "Hebdomadaire d’analyse diplomatique, publié par une coopérative de journalistes."),
    ("Radio Caspienne internationale", "broadcaster", "", "RCI", "azerbaidjan", "state-affiliated", "radio-caspienne.example",
     "Radio internationale diffusant en plusieurs langues, proche des autorités."),
    ("Horizon Asie centrale", "website", "", "", "ouzbekistan", "unknown", "horizon-ac.example",
     "Site d’information dont la propriété n’est pas établie."),
    ("Nordic Defence Review", "website", "la ", "NDR", "finlande", "private", "nordic-defence.example",
     "Site spécialisé dans les questions de défense, en anglais et en français."),
    ("Gazette de la mer Noire", "newspaper", "la ", "", "ukraine", "private", "gazette-mer-noire.example",
     "Journal régional, qui suit de près les questions navales."),
    ("Télévision du Golfe", "broadcaster", "la ", "TDG", "qatar", "state-affiliated", "tv-golfe.example",
     "Chaîne d’information en continu, financée en partie par l’État."),
]
STATUS_TEXT = {
    "state-owned": "un média d’État", "state-affiliated": "un média proche des autorités", "public-statute": "un média au statut public autonome",
    "private": "un média privé", "cooperative": "une coopérative de presse", "unknown": "un média dont la propriété n’est pas établie",
}

# --- topics ----------------------------------------------------------------------------
TOPICS: list[tuple[str, str]] = [
    ("Canal militaire russo-américain", "le canal de communication entre les armées russe et américaine"),
    ("Bases étrangères en Asie centrale", "l’accès à des bases en Asie centrale"),
    ("Retrait d’Afghanistan", "le retrait des troupes étrangères d’Afghanistan"),
    ("Lutte antiterroriste « au-delà de l’horizon »", "la lutte antiterroriste menée à distance"),
    ("Déconfliction en Syrie", "la prévention des incidents entre armées en Syrie"),
    ("Fiabilité des sources", "la fiabilité des informations publiées"),
    ("Relations russo-américaines", "l’état des relations entre Moscou et Washington"),
    ("Maîtrise des armements", "la maîtrise des armements"),
    ("Sécurité en mer Noire", "la sécurité de la navigation en mer Noire"),
    ("Élargissement de l’OTAN", "l’élargissement de l’Alliance atlantique"),
    ("Programme nucléaire iranien", "le programme nucléaire iranien"),
    ("Coopération militaire sino-russe", "la coopération militaire entre Pékin et Moscou"),
    ("Conflit du Haut-Karabakh", "le conflit du Haut-Karabakh"),
    ("Guerre en Ukraine", "la guerre en Ukraine"),
    ("Sanctions économiques", "les sanctions économiques"),
    ("Exportations d’armement", "les ventes d’armes"),
    ("Manœuvres militaires conjointes", "les manœuvres militaires conjointes"),
    ("Défense antimissile", "la défense antimissile"),
    ("Sécurité énergétique", "la sécurité des approvisionnements énergétiques"),
    ("Cybersécurité et ingérences", "les cyberattaques et les ingérences étrangères"),
    ("Échanges de prisonniers", "les échanges de prisonniers"),
    ("Réfugiés et évacuations", "l’accueil des réfugiés et les évacuations"),
    ("Diplomatie du Golfe", "les rivalités diplomatiques dans le Golfe"),
    ("Transit logistique militaire", "le transit de matériel militaire"),
    ("Stabilité stratégique", "la stabilité stratégique"),
    ("Traités de désarmement", "l’avenir des traités de désarmement"),
    ("Espace et satellites militaires", "l’usage militaire de l’espace"),
    ("Militarisation de l’Arctique", "la présence militaire dans l’Arctique"),
    ("Mer de Chine méridionale", "les tensions en mer de Chine méridionale"),
    ("Péninsule coréenne", "la situation dans la péninsule coréenne"),
    ("Question kurde", "la question kurde"),
    ("Reconstruction de la Syrie", "la reconstruction de la Syrie"),
    ("Guerre de l’information", "la guerre de l’information"),
    ("Frontières d’Asie centrale", "les différends frontaliers en Asie centrale"),
    ("Eau et barrages en Asie centrale", "le partage de l’eau en Asie centrale"),
    ("Trafic de drogue afghan", "le trafic de drogue en provenance d’Afghanistan"),
    ("Sociétés militaires privées", "le rôle des sociétés militaires privées"),
    ("Aide militaire occidentale", "l’aide militaire occidentale"),
    ("Contacts entre chefs d’état-major", "les contacts directs entre chefs d’état-major"),
    ("Incidents aériens", "les incidents aériens"),
    ("Crises diplomatiques et expulsions", "les expulsions de diplomates"),
    ("Sommets bilatéraux", "la préparation des sommets bilatéraux"),
    ("Accords de cessez-le-feu", "le respect des cessez-le-feu"),
    ("Drones armés", "l’emploi de drones armés"),
    ("Bases navales en Méditerranée", "les bases navales en Méditerranée"),
    ("Corridor de transit caspien", "les routes de transit par la Caspienne"),
    ("Présence russe au Moyen-Orient", "la présence militaire russe au Moyen-Orient"),
    ("Relations turco-russes", "les relations entre Ankara et Moscou"),
    ("Sécurité du Caucase", "la sécurité dans le Caucase"),
    ("Djihadisme en Asie centrale", "la menace djihadiste en Asie centrale"),
    ("Élections et transitions politiques", "les transitions politiques"),
    ("Droits humains et répression", "la répression des opposants"),
    ("Armes nucléaires tactiques", "le déploiement d’armes nucléaires tactiques"),
    ("Coopération antiterroriste régionale", "la coopération antiterroriste régionale"),
    ("Sécurité des ambassades", "la sécurité des représentations diplomatiques"),
    ("Mines et déminage", "le déminage des zones de combat"),
    ("Contrôle des exportations sensibles", "le contrôle des exportations sensibles"),
    ("Partage du renseignement", "le partage du renseignement"),
    ("Zones maritimes contestées", "la délimitation des zones maritimes"),
    ("Aide humanitaire", "l’acheminement de l’aide humanitaire"),
]

# --- people's roles --------------------------------------------------------------------
# Profile: (masculine title, feminine title or "" when women do not hold it here, org template).
# "^" is where the country's adjective goes: `général russe, chef d’état-major général`.
PROFILES: dict[str, list[tuple[str, str, str]]] = {
    "military": [
        ("général^, chef d’état-major général", "", "staff"),
        ("général^, chef adjoint de l’état-major général", "", "staff"),
        ("général^, commandant des forces terrestres", "", "forces"),
        ("amiral^, commandant de la flotte", "", "forces"),
        ("général^, commandant des forces aérospatiales", "", "forces"),
        ("colonel^, porte-parole du ministère de la Défense", "", "defence"),
    ],
    "diplomat": [
        ("ministre^ des Affaires étrangères", "ministre^ des Affaires étrangères", "foreign"),
        ("vice-ministre^ des Affaires étrangères", "vice-ministre^ des Affaires étrangères", "foreign"),
        ("porte-parole de la diplomatie^", "porte-parole de la diplomatie^", "foreign"),
        ("ambassadeur^", "ambassadrice^", "foreign"),
        ("envoyé spécial^", "envoyée spéciale^", "foreign"),
    ],
    "defence": [
        ("ministre^ de la Défense", "ministre^ de la Défense", "defence"),
        ("vice-ministre^ de la Défense", "vice-ministre^ de la Défense", "defence"),
        ("conseiller du ministre^ de la Défense", "conseillère du ministre^ de la Défense", "defence"),
    ],
    "security": [
        ("secrétaire du Conseil de sécurité nationale^", "secrétaire du Conseil de sécurité nationale^", "security"),
        ("conseiller^ à la sécurité nationale", "conseillère^ à la sécurité nationale", "security"),
    ],
    "intelligence": [
        ("directeur du renseignement extérieur^", "directrice du renseignement extérieur^", "intel"),
        ("chef adjoint du renseignement extérieur^", "cheffe adjointe du renseignement extérieur^", "intel"),
    ],
    "executive": [
        ("chef de l’administration présidentielle^", "cheffe de l’administration présidentielle^", "presidency"),
        ("porte-parole de la présidence^", "porte-parole de la présidence^", "presidency"),
        ("Premier ministre^", "Première ministre^", "government"),
        ("ministre^ de l’Intérieur", "ministre^ de l’Intérieur", "interior"),
    ],
}
PROFILE_WEIGHTS = {"military": 30, "diplomat": 32, "defence": 12, "security": 8, "intelligence": 7, "executive": 11}

# --- events ----------------------------------------------------------------------------
# Kind: weight, participants (min, max), bilateral (two countries meet).
EVENT_KINDS: dict[str, tuple[int, int, int, bool]] = {
    "meeting": (20, 2, 3, True), "phone-call": (10, 2, 2, True), "summit": (5, 2, 4, True),
    "conference": (6, 2, 4, True), "statement": (15, 1, 1, False), "press-report": (10, 1, 2, False),
    "military-operation": (8, 1, 2, False), "attack": (4, 1, 1, False), "evacuation": (3, 1, 2, False),
    "withdrawal": (3, 1, 2, False), "base": (4, 1, 2, False), "political": (5, 1, 2, False),
    "negotiation": (6, 2, 4, True), "other": (1, 1, 2, True),
}
# Titles; the article before "|" makes running text of them (`sur la rencontre X–Y à Z`).
TITLES: dict[str, tuple[str, ...]] = {
    "meeting": ("la |Rencontre {A}–{B} {at_city}", "l’|Entretien entre {A} et {B} {at_city}",
                "la |Rencontre des responsables {adj1_mp} et {adj2_mp} {at_city}", "la |Visite de {A} {in_c2}"),
    "phone-call": ("l’|Entretien téléphonique {A}–{B}", "l’|Appel entre {A} et {B} sur {theme}"),
    "summit": ("le |Sommet {A}–{B} {at_city}", "le |Sommet entre {the_c1} et {the_c2} {at_city}"),
    "conference": ("la |Conférence sur {theme} {at_city}", "la |Réunion sur {theme} {at_city}"),
    "statement": ("la |Déclaration de {A} sur {theme}", "|{A} met en garde contre {threat}", "|{A} dément {denied}"),
    "press-report": ("la |Révélation de {outlet} sur {theme}", "|Selon {outlet}, {A} aurait évoqué {theme}"),
    "military-operation": ("les |Exercices militaires {adj2_mp} {near_city}", "le |Déploiement de troupes {adj2_fp} {in_c1}",
                           "les |Frappes aériennes {adj2_fp} {near_city}", "les |Manœuvres navales {adj2_fp} {in_c1}"),
    "attack": ("l’|Attentat {at_city}", "l’|Attaque de drones {near_city}", "l’|Attaque contre un convoi {near_city}"),
    "evacuation": ("l’|Évacuation de ressortissants {adj2_mp} depuis {city}", "le |Pont aérien depuis {city}"),
    "withdrawal": ("le |Retrait des forces {adj2_fp} {from_c1}", "la |Fermeture d’une base {adj2_f} {in_c1}"),
    "base": ("le |Projet de base {adj2_f} {in_c1}", "l’|Accès {adj2_m} à une base {near_city}"),
    "political": ("l’|Élection présidentielle {in_c1}", "le |Remaniement du gouvernement {adj1_m}",
                  "la |Nomination de {A} au poste de {roleA_short}"),
    "negotiation": ("les |Négociations entre {the_c1} et {the_c2} {at_city}", "les |Pourparlers sur {theme} {at_city}"),
    "other": ("l’|Incident diplomatique entre {the_c1} et {the_c2}", "l’|Expulsion de diplomates {adj2_mp} {from_c1}"),
}
OPENINGS: dict[str, tuple[str, ...]] = {
    "meeting": ("{Date}, {PA}, {roleA}, et {PB}, {roleB}, se sont rencontrés {at_city}.",
                "{Date}, {PA} a reçu {PB} {at_city} pour un entretien à huis clos.",
                "{Date}, {PA} et {PB} se sont entretenus {at_city}, selon un bref communiqué publié à l’issue de la rencontre."),
    "phone-call": ("{Date}, {PA} et {PB} se sont entretenus par téléphone.",
                   "{Date}, {PA}, {roleA}, a appelé {PB}, d’après un communiqué publié à {capital1}."),
    "summit": ("{Date}, les dirigeants {adj1_mp} et {adj2_mp} se sont retrouvés {at_city} pour un sommet consacré notamment à {theme}.",),
    "conference": ("{Date}, des délégations de plusieurs pays se sont réunies {at_city} pour une conférence consacrée à {theme}.",
                   "{Date}, {PA} a participé {at_city} à une réunion multilatérale sur {theme}."),
    "statement": ("{Date}, {PA}, {roleA}, s’est exprimé publiquement sur {theme}.",
                  "{Date}, {PA} a pris position sur {theme} lors d’une conférence de presse {at_city}."),
    "press-report": ("{Date}, {outlet} a affirmé, en citant des sources anonymes, que {PA} avait évoqué {theme} lors d’échanges restés confidentiels.",
                     "{Date}, {outlet} a publié des informations selon lesquelles {theme} aurait été discuté en coulisses."),
    "military-operation": ("{Date}, les forces {adj2_fp} ont mené des manœuvres {near_city}, selon le ministère de la Défense {de_c2}.",
                           "{Date}, des unités {adj2_fp} ont été déployées {in_c1}, selon plusieurs sources concordantes."),
    "attack": ("{Date}, une attaque {at_city} a fait plusieurs victimes, selon les premiers bilans cités par {outlet}.",
               "{Date}, une attaque a visé des installations {near_city} ; elle n’a pas été revendiquée dans l’immédiat."),
    "evacuation": ("{Date}, les autorités {adj2_fp} ont organisé l’évacuation de leurs ressortissants depuis {city}.",),
    "withdrawal": ("{Date}, les autorités {adj2_fp} ont annoncé le retrait de leurs forces stationnées {in_c1}.",),
    "base": ("{Date}, des responsables {adj2_mp} ont évoqué la possibilité d’utiliser une base {near_city}.",
             "{Date}, des informations de presse ont fait état de discussions sur l’accès {adj2_m} à des installations militaires {in_c1}."),
    "political": ("{Date}, un changement à la tête de l’exécutif {adj1_m} a modifié les équilibres diplomatiques de la région.",
                  "{Date}, {PA} a été nommé au poste de {roleA_short}, selon un décret publié le jour même."),
    "negotiation": ("{Date}, des négociateurs {adj1_mp} et {adj2_mp} se sont réunis {at_city} pour discuter de {theme}.",),
    "other": ("{Date}, un incident diplomatique a opposé {the_c1} et {the_c2} à propos de {theme}.",),
}
SENTENCES_ANY = (
    "Selon {outlet}, {theme} était au cœur des échanges.",
    "Les autorités {adj1_fp} n’ont pas commenté publiquement l’information.",
    "Le contenu exact des discussions reste inconnu.",
    "{Outlet} souligne que cette démarche tranche avec les positions affichées jusque-là par {the_c1}.",
    "Plusieurs responsables cités sous couvert d’anonymat parlent d’« échanges francs ».",
    "L’événement n’est connu que par des sources indirectes, dont certaines reprennent la même dépêche.",
    "La presse {adj2_f} y voit un signe de détente, tandis que d’autres sources restent prudentes.",
    "Le sujet avait déjà été évoqué en {year_prev}.",
    "{PA} n’a donné aucune précision aux journalistes présents.",
    "D’après {outlet}, {theme} figurait aussi à l’ordre du jour.",
    "Un communiqué diffusé le lendemain ne mentionne ni le lieu exact ni la liste des participants.",
    "Les capitales voisines suivent de près l’évolution de la situation.",
    "Cette séquence s’inscrit dans une série de contacts entamée en {year_prev}.",
)
SENTENCES_CONTACT = (
    "C’était leur premier contact direct depuis {year_prev}.",
    "Les deux parties sont convenues de ne pas rendre public le détail des échanges.",
    "Un communiqué conjoint évoque « une discussion constructive », sans autre précision.",
    "L’entretien a duré environ {hours} heures, selon {outlet}.",
    "Aucune conférence de presse commune n’a suivi la rencontre.",
)
SENTENCES_FIELD = (
    "Le ministère de la Défense {de_c2} a diffusé des images présentées comme celles de l’opération.",
    "Des habitants cités par {outlet} font état d’importants mouvements de troupes.",
    "Le bilan humain reste incertain ; les chiffres avancés varient selon les sources.",
    "Aucun bilan indépendant n’a pu être établi.",
)
CONTACT_KINDS = {"meeting", "phone-call", "summit", "conference", "negotiation"}
FIELD_KINDS = {"military-operation", "evacuation", "withdrawal", "base"}  # c1 is where, c2 who acts
THREATS = (
    "toute présence militaire étrangère dans la région", "une escalade incontrôlée", "le retour des groupes djihadistes",
    "le déploiement de missiles à moyenne portée", "une nouvelle course aux armements", "des provocations à la frontière",
    "l’installation de bases étrangères", "une déstabilisation de la région", "des frappes sans mandat international",
    "la militarisation de l’espace",
)
DENIED = (
    "toute négociation secrète", "les informations de presse sur un accord", "avoir reçu une offre de bases",
    "tout projet d’installation militaire", "la présence de conseillers étrangers",
)
CLAIMS: dict[str, tuple[str, ...]] = {
    "statement": ("{By} affirme que la coopération sur {theme} doit se poursuivre.",
                  "{By} déclare qu’aucune décision n’a encore été prise.",
                  "{By} assure que les contacts entre militaires se poursuivront malgré les désaccords.",
                  "{By} affirme que la situation {in_c1} reste sous contrôle.",
                  "{By} déclare que le dialogue reste la seule voie possible.",
                  "{By} indique que les discussions ont porté sur {theme}."),
    "report": ("Selon {by}, qui cite des sources anonymes, {PA} aurait évoqué {theme} lors d’un entretien confidentiel.",
               "{By} rapporte que des responsables {adj1_mp} auraient demandé des garanties écrites.",
               "D’après {by}, une offre aurait été faite puis retirée quelques jours plus tard.",
               "{By} affirme que les échanges ont été plus tendus que ne l’indique le communiqué officiel."),
    "proposal": ("{By} propose la création d’un groupe de travail conjoint sur {theme}.",
                 "{By} propose d’ouvrir un canal de communication permanent entre les états-majors.",
                 "{By} suggère un échange régulier d’informations sur les mouvements de troupes.",
                 "{By} propose d’organiser une nouvelle rencontre avant la fin de l’année."),
    "warning": ("{By} met en garde contre {threat}.",
                "{By} avertit que son pays réagira à {threat}."),
    "agreement": ("Selon {by}, les deux parties se sont entendues pour maintenir les contacts entre leurs états-majors.",
                  "Selon {by}, les deux parties sont convenues de ne pas rendre public le détail des échanges.",
                  "{By} annonce un accord pour créer un mécanisme de prévention des incidents."),
    "assessment": ("{By} qualifie les échanges de constructifs.",
                   "{By} juge la rencontre utile mais insuffisante.",
                   "{By} estime que les positions restent éloignées sur {theme}."),
    "denial": ("{By} dément {denied}.",
               "{By} qualifie d’infondées les informations publiées sur {theme}."),
    "refusal": ("{By} refuse de commenter le contenu des discussions.",
                "{By} refuse de s’engager sur un calendrier.",
                "{By} refuse de préciser la position de son gouvernement sur {theme}."),
}
CLAIM_WEIGHTS = {"statement": 30, "report": 14, "proposal": 10, "warning": 12, "agreement": 8, "assessment": 10, "denial": 9, "refusal": 7}
CLAIM_WORDS = {"statement": "declaration", "report": "revelation", "proposal": "proposition", "warning": "mise-en-garde",
               "agreement": "accord", "assessment": "evaluation", "denial": "dementi", "refusal": "refus"}
CLAIM_TAILS = (
    "La déclaration est rapportée par {outlet}.", "Aucune précision supplémentaire n’a été donnée.",
    "L’autre partie ne l’a ni confirmé ni démenti.", "Les propos ont été tenus devant la presse.",
)
QUOTES_FR = (
    "nous ne laisserons personne déstabiliser la région", "une rencontre productive", "inacceptable",
    "un dialogue franc et direct", "la porte reste ouverte", "aucune décision n’a été prise", "une ligne rouge",
    "des consultations étroites", "nous suivons la situation de très près", "il n’y a pas d’alternative au dialogue",
    "une provocation délibérée", "totalement infondées", "les contacts se poursuivront", "une étape importante",
    "dans l’intérêt de la sécurité régionale", "sans aucune condition préalable", "nous n’avons rien à cacher",
    "un malentendu", "pas à l’ordre du jour", "une coopération pragmatique", "réduire les risques d’incident",
    "aucune présence militaire étrangère", "le moment n’est pas venu", "des garanties juridiquement contraignantes",
    "une menace directe pour notre sécurité",
)
QUOTES_EN = ("productive", "a frank exchange of views", "we will not accept this", "nothing has been decided",
             "constructive talks", "a serious offer", "unacceptable", "we remain in close contact")
AUTHORS = ("Claire Vasseur", "Marc Delorme", "Anne Besson", "Julien Tessier", "Sarah Collins", "Paul Reed", "Nadia Benali",
           "Igor Sokolsky", "Léa Fontaine", "Tom Hudson", "Inès Rahal", "Hugo Lacroix", "Emma Stone", "Karim Tazi")
LANGUAGE_WEIGHTS = {"fr": 82, "en": 10, "ru": 5, "ar": 2, "fa": 1}
SOURCE_KINDS = {"article": 50, "dispatch": 20, "republication": 15, "press-release": 7, "transcript": 5, "other": 3}
HEADLINES = (
    "{A} et {B} se sont rencontrés {at_city}", "Ce que l’on sait de {title_lc}", "{The_c1} et {the_c2} discutent de {theme}",
    "{A} : « {quote} »", "{title}", "{City} : {title}", "{A} et {B} : des échanges sous haute tension",
    "Ce que {A} a dit à {B}", "{The_c1} face à {theme}",
)
HEADLINES_EN = ("{A} and {B} hold talks", "{A} warns of rising tensions", "Officials confirm talks between {A} and {B}",
                "Report: {A} met {B}", "{A} says talks were productive")
SOURCE_SENTENCES = (
    "L’article s’appuie en partie sur des sources anonymes.", "Aucune réaction officielle n’est citée.",
    "Le texte rappelle le contexte régional sans apporter d’élément nouveau.",
    "Il reprend les principaux éléments d’un communiqué officiel.",
    "L’auteur cite un diplomate qui souhaite garder l’anonymat.",
    "Le texte est accompagné d’une photo d’archives sans rapport direct avec l’événement.",
)
# A title's words quoted inside a note: its own quotation marks would be left open there.
NO_QUOTES = str.maketrans("", "", "«»“”\"")
NOTE_TEXTS: dict[str, tuple[str, ...]] = {
    "unknown": ("Le contenu réel des échanges n’est pas connu : aucune des sources ne cite de compte rendu officiel.",
                "On ignore qui a pris l’initiative du contact ; les sources ne le disent pas."),
    "disagreement": ("Les sources ne présentent pas l’événement de la même façon : l’une parle d’un accord, l’autre d’une simple déclaration d’intention.",
                     "Les sources divergent sur le nombre de participants et sur la durée des échanges."),
    "context": ("Selon {outlet}, il s’agit du premier contact de ce niveau depuis {year_prev}.",
                "L’événement suit de quelques semaines une série de déclarations hostiles de part et d’autre."),
    "inference": ("L’année n’est pas précisée dans l’article ; le contexte indique {year}.",
                  "Le lieu n’est pas nommé ; la présence de {PA} {at_city} le jour même le rend probable."),
    "translation": ("Les propos de {PA} sont cités dans une traduction française qui diffère d’une source à l’autre.",),
    "attribution": ("La phrase sur {theme} n’est pas attribuée explicitement ; l’attribution à {outlet} est probable mais non certaine.",),
    "date": ("La date est déduite de la date de publication de la source, qui parle de « la veille ».",),
    "error": ("L’article attribue à {PA} la fonction de {wrong_role}, alors que les autres sources lui donnent celle de {roleA_short}.",),
    "misspelling": ("Le texte écrit « {variant} » pour {PA}.",),
    "republication": ("Le texte reprend presque mot pour mot une dépêche publiée la veille par une agence.",),
    "unrelated-material": ("La page contient aussi une galerie de photos sans rapport avec l’article.",),
    "truncated": ("Le texte est coupé au milieu d’une phrase (« {fragment}… »).",),
    "repetition": ("Le même paragraphe est imprimé deux fois à quelques lignes d’intervalle.",),
    "no-byline": ("Aucun auteur n’est nommé ; l’article est seulement signé de la rédaction.",),
}
EVENT_NOTE_KINDS = ("unknown", "disagreement", "context", "inference", "translation", "attribution", "date")
SOURCE_NOTE_KINDS = ("error", "misspelling", "republication", "unrelated-material", "truncated", "repetition", "no-byline", "attribution")
CONTRADICTION_TITLES = ("Deux versions de {title_lc}", "{Outlet1} et {Outlet2} divergent sur {theme}",
                        "{A} et {B} ne disent pas la même chose", "Refus affiché ou ouverture discrète sur {theme}")
CONTRADICTION_KINDS = {"contradiction": 4, "tension": 3, "divergence": 3}
ASSESSMENTS = (
    "Les deux positions ne portent pas exactement sur la même chose ; la version non officielle ne repose que sur des sources anonymes.",
    "Aucune des deux versions ne peut être tenue pour établie en l’état des sources.",
    "La divergence tient peut-être à une traduction différente des mêmes propos.",
    "Les déclarations officielles sont publiques et concordantes ; l’information contraire ne vient que d’une origine.",
)
SIDE_LABELS = {"statement": "{By} affirme", "report": "Version de {By}", "proposal": "{By} propose", "warning": "{By} met en garde",
               "agreement": "{By} annonce un accord", "assessment": "Appréciation de {By}", "denial": "{By} dément", "refusal": "{By} refuse"}
_STOPWORDS = {"a", "au", "aux", "avec", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par", "pour",
              "sur", "un", "une", "the", "of", "in", "and", "e", "n", "s", "qu", "que", "son", "sa", "ses", "leur", "leurs"}
_CONTRACTIONS = ((" de le ", " du "), (" de les ", " des "), (" à le ", " au "), (" à les ", " aux "),
                 (" de de ", " de "), (" de d’", " d’"))
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss", "ı": "i"})
_ELISION = re.compile(r"\b([dD])e ([AEIOUÉÈÊÂÎÔ])")  # de Atlantic -> d’Atlantic


# --- small helpers ---------------------------------------------------------------------


def slug(text: str, max_words: int = 8, max_len: int = MAX_SLUG) -> str:
    """`Rencontre Milley–Guérassimov à Helsinki` -> `rencontre-milley-guerassimov-helsinki`: slugify's words, the small ones left out."""
    # Apostrophes and dashes separate words (d’Asie, Milley–Guérassimov) before accents go;
    # one word at a time, so that slugify's length limit never cuts the text.
    words = [w for part in re.sub(r"[\W_]+", " ", text.translate(_LIGATURES)).split() for w in slugify(part).split("-") if w]
    kept = [w for w in words if w not in _STOPWORDS] or words
    out = ""
    for word in kept[:max_words]:
        if len(out) + len(word) + 1 > max_len:
            break
        out = f"{out}-{word}" if out else word
    return out or "x"


def feminine(surname: str, culture: str) -> str:
    """Smirnov -> Smirnova, Kouzmine -> Kouzmina (Russian only), Aliyev -> Aliyeva; others stay."""
    endings = (("ine", "ina"), ("ov", "ova"), ("ev", "eva"), ("in", "ina")) if culture == "russe" else (("ov", "ova"), ("ev", "eva"))
    for end, new in endings:
        if surname.endswith(end):
            return surname[: len(surname) - len(end)] + new
    return surname


def strip_accents(text: str) -> str:
    """`Sergueï` -> `Serguei`, as a source without accents spells it (ı and ß too)."""
    return fold_accents(text).replace("ı", "i").replace("ß", "ss")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """`Rencontre X` -> `rencontre X`; an acronym stays (`OTAN`)."""
    return text[:1].lower() + text[1:] if text[:2].istitle() or text[:1].islower() else text


def tidy(text: str) -> str:
    """French contractions and elisions made: `de le` -> `du`, `de Atlantic` -> `d’Atlantic`."""
    text = f" {text} "
    for old, new in _CONTRACTIONS:
        text = text.replace(old, new)
    return _ELISION.sub(r"\1’\2", text).strip()


def fill(template: str, ctx: dict[str, str]) -> str:
    """The template with its fields, tidied."""
    return tidy(template.format_map(ctx))


def _elide(prep: str, name: str) -> str:
    """`de` + `Alep` -> `d’Alep`; `à` + `Le Caire` -> `au Caire`."""
    if name.startswith("Le "):
        return {"de": "du ", "à": "au ", "près de": "près du "}[prep] + name[3:]
    if prep in ("de", "près de") and name[:1] in "AEIOUÉÈÂÎÔ":
        return prep[:-2] + "d’" + name
    return f"{prep} {name}"


@dataclass(frozen=True, slots=True)
class Day:
    """A day and how much of it the sources give (day, month or year); events are in the order of the day itself."""

    date: dt.date
    precision: str = "day"

    @property
    def given(self) -> PartialDate:
        """What the sources give: 2021-03-12, 2021-03 or 2021."""
        d = self.date
        return PartialDate(d.year, None if self.precision == "year" else d.month, d.day if self.precision == "day" else None)


# --- the model of one synthetic dossier ------------------------------------------------


@dataclass(slots=True, eq=False)
class Country:
    id: str
    name: str
    article: str
    m: str
    f: str
    lat: float
    lon: float
    region: str
    weight: int
    culture: str
    aliases: list[str]
    cities: list[tuple[str, float, float, str]]

    @property
    def mp(self) -> str:
        return self.m if self.m.endswith(("s", "x")) else self.m + "s"

    @property
    def fp(self) -> str:
        return self.f + "s"

    @property
    def de(self) -> str:
        return {"la": "de la ", "le": "du ", "l’": "de l’", "les": "des ", "": "d’" if self.name[0] in "AEIOUÉÈ" else "de "}[self.article] + self.name

    @property
    def in_(self) -> str:
        return {"la": "en ", "le": "au ", "l’": "en ", "les": "aux ", "": "en "}[self.article] + self.name

    @property
    def the(self) -> str:
        return {"la": "la ", "le": "le ", "l’": "l’", "les": "les ", "": ""}[self.article] + self.name


@dataclass(slots=True, eq=False)
class Place:
    id: str
    name: str
    kind: str
    country: Optional[Country]
    lat: float
    lon: float
    aliases: list[str] = field(default_factory=list)
    within: Optional[str] = None
    at: str = ""  # `à Helsinki`, `au Caire`, `à l’aéroport de Kaboul`
    near: str = ""
    seen: list[str] = field(default_factory=list)  # source ids, the first few
    about: str = ""  # the theme of the first event it is in


@dataclass(slots=True, eq=False)
class Org:
    id: str
    name: str
    kind: str
    the: str  # as in running text: `le ministère de la Défense du Kazakhstan`
    aliases: list[str]
    country: Optional[Country]
    key: tuple[str, str]  # (template, country id)
    parent_key: Optional[tuple[str, str]] = None
    description: str = ""
    status: str = ""  # outlets: affiliation status
    domain: str = ""
    seen: list[str] = field(default_factory=list)
    about: str = ""

    @property
    def short(self) -> str:
        """A short form for ids: the acronym, else the name."""
        acronyms = [a for a in self.aliases if a.isupper() and len(a) <= 5]
        return slug(acronyms[0] if acronyms else self.name, 3, 24)


@dataclass(slots=True, eq=False)
class Person:
    id: str
    first: tuple[str, ...]  # spellings, the French one first
    last: tuple[str, ...]
    family: str  # the surname in its masculine form: Smirnov for Smirnova too
    surname_first: bool
    female: bool
    country: Country
    profile: str
    title: str  # the main role, without the country
    org_key: str
    seen: list[tuple[Day, str]] = field(default_factory=list)  # (event date, source id), the first few
    about: str = ""

    @property
    def name(self) -> str:
        return self.spell(self.first[0], self.last[0])

    def spell(self, first: str, last: str) -> str:
        return f"{last} {first}" if self.surname_first else f"{first} {last}"

    @property
    def surname(self) -> str:
        return self.last[0]

    @property
    def role(self) -> str:
        """The title with the country: `général russe, chef d’état-major général`."""
        adjective = self.country.m
        if self.female or self.title.endswith(("diplomatie^", "présidence^", "présidentielle^", "nationale^")):
            adjective = self.country.f
        return self.title.replace("^", " " + adjective)

    @property
    def bare_title(self) -> str:
        """The title alone: `chef d’état-major général`."""
        return self.title.replace("^", "").split(", ")[-1]


@dataclass(slots=True, eq=False)
class Topic:
    id: str
    name: str
    phrase: str
    related: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Event:
    id: str
    kind: str
    date: Day
    end: Optional[Day]
    title: str
    c1: Country
    c2: Country
    people: list[Person]
    places: list[Place]
    orgs: list[Org]
    topics: list[Topic]
    ctx: dict[str, str]
    outlet: Org  # the outlet its first source comes from
    cites: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (source id, via)
    claims: list[tuple[str, str, str, str]] = field(default_factory=list)  # (claim id, kind, author's name, text)


@dataclass(slots=True, eq=False)
class Source:
    id: str
    title: str
    kind: str
    language: str
    outlet: Optional[Org]
    agency: Optional[Org]
    published: Day
    events: list[Event]
    url: str
    archive_url: str


# --- the generator ---------------------------------------------------------------------


class Synth:
    """One synthetic dossier: the entities, then the events and their sources, written as they are made."""

    def __init__(self, events: int, seed: int):
        self.rng = random.Random(seed)
        self.n_events = events
        self.taken: set[str] = set()  # every id: unique across kinds
        self.counts: dict[str, int] = {kind: 0 for kind in KINDS}
        self.counts["claims"] = 0

    # ids and choices

    def new_id(self, base: str) -> str:
        base = base[:MAX_SLUG].rstrip("-")
        rid, n = base, 2
        while rid in self.taken:
            suffix = f"-{n}"
            rid = base[: MAX_SLUG - len(suffix)].rstrip("-") + suffix
            n += 1
        self.taken.add(rid)
        return rid

    def pick(self, items: Sequence[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def weighted(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def some(self, items: Sequence[Any], low: int, high: int) -> list[Any]:
        return self.rng.sample(list(items), min(len(items), self.rng.randint(low, high)))

    # the fixed sets and the entities

    def build_places(self) -> None:
        rng = self.rng
        self.regions: list[Place] = []
        for name, kind, lat, lon, alias in REGIONS:
            self.regions.append(Place(self.new_id(slug(name)), name, kind, None, lat, lon, [alias] if alias else []))
        region_ids = {p.name: p.id for p in self.regions}
        self.countries: list[Country] = []
        self.country_places: dict[str, Place] = {}
        for name, article, m, f, lat, lon, region, weight, culture, aliases, cities in COUNTRIES:
            parsed = []
            for entry in cities.split(";"):
                parts = entry.strip().split(":")
                parsed.append((parts[0], float(parts[1]), float(parts[2]), parts[3] if len(parts) > 3 else ""))
            country = Country(self.new_id(slug(name)), name, article, m, f, lat, lon, region, weight, culture,
                              [a for a in aliases.split("|") if a], parsed)
            self.countries.append(country)
            self.country_places[country.id] = Place(country.id, name, "country", None, lat, lon, country.aliases,
                                                    region_ids.get(region), country.in_, country.in_)
        # Cities first, the most newsworthy countries' first; then airports, bases, regions around them.
        order = sorted(self.countries, key=lambda c: -c.weight * (0.5 + rng.random()))
        candidates: list[tuple[int, float, Country, tuple[str, float, float, str], Optional[tuple[str, str, float, str, str]]]] = []
        for rank, country in enumerate(order):
            for i, city in enumerate(country.cities):
                candidates.append((0, rank + i * 8 + rng.random() * 6, country, city, None))
                for city_form in CITY_FORMS:
                    candidates.append((1, rank + i * 8 + rng.random() * 40, country, city, city_form))
        candidates.sort(key=lambda c: (c[0], c[1]))
        wanted = self.n_events // 10
        self.places: list[Place] = []
        self.city_places: dict[str, Place] = {}
        for _, _, country, (name, lat, lon, alias), form in candidates[:wanted]:
            if form is None:
                place = Place(self.new_id(slug(name)), name, "city", country, lat, lon, [alias] if alias else [], country.id,
                              _elide("à", name), _elide("près de", name))
                self.city_places[name] = place
            else:
                pattern, kind, spread, at, near = form
                full = pattern.format(de="d’" if name[:1] in "AEIOUÉÈÂÎÔ" else ("du " if name.startswith("Le ") else "de "),
                                      city=name[3:] if name.startswith("Le ") else name)
                city_place = self.city_places.get(name)
                lat2 = round(lat + rng.uniform(-spread, spread), 2)
                lon2 = round(lon + rng.uniform(-spread, spread), 2)
                place = Place(self.new_id(slug(full)), full, kind, country, lat2, lon2, [], city_place.id if city_place else country.id,
                              at + lower_first(full), near + lower_first(full))
            self.places.append(place)
        self.places_by_country: dict[str, list[Place]] = {}
        for place in self.places:
            assert place.country is not None
            self.places_by_country.setdefault(place.country.id, []).append(place)
        self.country_weights = list(accumulate(c.weight for c in self.countries))

    def build_orgs(self) -> None:
        rng = self.rng
        self.outlets: list[Org] = []
        by_id = {c.id: c for c in self.countries}
        for name, kind, article, aliases, country_id, status, domain, description in OUTLETS:
            bare = name[3:] if name.startswith(("Le ", "La ")) else name
            org = Org(self.new_id(slug(name, 5)), name, kind, article + bare,
                      [a for a in aliases.split("|") if a], by_id[country_id], ("outlet", name), None, description, status, domain)
            self.outlets.append(org)
        self.agencies = [o for o in self.outlets if o.kind == "news-agency"]
        self.papers = [o for o in self.outlets if o.kind != "news-agency"]
        candidates: list[tuple[float, Org]] = []
        for i, (name, kind, article, aliases, description) in enumerate(INTERNATIONAL):
            org = Org("", name, kind, (article + name) if article else name, [a for a in aliases.split("|") if a], None,
                      ("international", name), None, description)
            candidates.append((i * 3 + rng.random() * 4, org))
        order = sorted(self.countries, key=lambda c: -c.weight * (0.5 + rng.random()))
        for rank, country in enumerate(order):
            plain = country.name in PLAIN_NAMED
            forms = {"de": country.de, "m": country.m, "f": country.f, "mp": country.mp, "fp": country.fp}
            forms["de"] = ORG_DE.get(country.name, country.de)
            if plain:
                forms = dict.fromkeys(forms, forms["de"])
            for t, (key, kind, pattern, article, alias_forms, parent, description) in enumerate(ORG_TEMPLATES):
                name = pattern.format(**forms)
                the = article + (name if key == "security" else lower_first(name))
                org = Org("", name, kind, the, [] if plain else [a.format(**forms) for a in alias_forms], country,
                          (key, country.id), (parent, country.id) if parent else None, description.format(**forms))
                candidates.append((rank * 2.5 + t * 1.5 + rng.random() * 3, org))
            numbers = rng.sample(range(10, 100), 90)
            for u, n in enumerate(numbers):
                pattern, kind, description = UNIT_TEMPLATES[u % len(UNIT_TEMPLATES)]
                name = pattern.format(n=n, f=forms["f"])
                org = Org("", name, kind, "la " + name, [], country, (f"unit{n}", country.id), ("forces", country.id),
                          description.format(de=country.de))
                candidates.append((40 + rank * 3 + u * 6 + rng.random() * 10, org))
        candidates.sort(key=lambda c: c[0])
        self.orgs: list[Org] = []
        self.org_by_key: dict[tuple[str, str], Org] = {}
        for _, org in candidates[: self.n_events // 8]:
            org.id = self.new_id(slug(org.name, 7))
            self.orgs.append(org)
            self.org_by_key[org.key] = org
        self.orgs_by_country: dict[str, list[Org]] = {}
        for org in self.orgs:
            self.orgs_by_country.setdefault(org.country.id if org.country else "", []).append(org)

    def build_people(self) -> None:
        rng = self.rng
        pools: dict[str, list[tuple[tuple[str, ...], bool, tuple[str, ...], str]]] = {}
        for culture, (firsts, lasts) in CULTURES.items():
            fam_first = [(tuple(f.rstrip("*").split("/")), f.endswith("*")) for f in firsts.split(" ")]
            fam_last = [(tuple(s.rstrip("!").split("/")), s.endswith("!")) for s in lasts.split(" ")]
            pairs = []
            for f, female in fam_first:
                for s, no_feminine in fam_last:
                    family = s[0]
                    if f"{f[0]}:{family}" in CLOSE_PAIRS:
                        continue
                    if female and culture in FEMININE_SURNAMES:
                        if no_feminine:
                            continue
                        s = tuple(feminine(v, culture) for v in s)
                    pairs.append((f, female, s, family))
            rng.shuffle(pairs)
            pools[culture] = pairs
        by_culture: dict[str, list[Country]] = {}
        for c in self.countries:
            if c.culture:
                by_culture.setdefault(c.culture, []).append(c)
        wanted = min(max(2, self.n_events // 3), sum(len(p) for p in pools.values()))
        self.people: list[Person] = []
        profiles = list(PROFILE_WEIGHTS)
        profile_weights = list(PROFILE_WEIGHTS.values())
        while len(self.people) < wanted:
            cultures = [c for c in by_culture if pools[c]]
            culture = rng.choices(cultures, [sum(x.weight for x in by_culture[c]) for c in cultures])[0]
            first, female, last, family = pools[culture].pop()
            countries = by_culture[culture]
            country = rng.choices(countries, [c.weight for c in countries])[0]
            profile = rng.choices(profiles, profile_weights)[0]
            if female and profile == "military":
                profile = "diplomat"
            title_m, title_f, org_key = self.pick(PROFILES[profile])
            person = Person("", first, last, family, culture in SURNAME_FIRST, female, country, profile,
                            title_f if female else title_m, org_key)
            person.id = self.new_id(slug(person.name))
            self.people.append(person)
        # Popularity: a few people are in many events, most in a few.
        self.people_by_country: dict[str, tuple[list[Person], list[float]]] = {}
        grouped: dict[str, list[Person]] = {}
        for person in self.people:
            grouped.setdefault(person.country.id, []).append(person)
        for cid, group in grouped.items():
            self.people_by_country[cid] = (group, list(accumulate(1 / (i + 1) ** 0.9 for i in range(len(group)))))
        self.all_people_weights = list(accumulate(1 / (i + 1) ** 0.7 for i in range(len(self.people))))
        self.actors = [c for c in self.countries if c.id in self.people_by_country]
        self.actor_weights = list(accumulate(c.weight for c in self.actors))
        self.kind_weights = {k: v[0] for k, v in EVENT_KINDS.items()}
        surnames: dict[str, int] = {}
        for person in self.people:
            surnames[person.family] = surnames.get(person.family, 0) + 1
        self.unique_surname = {p.id for p in self.people if surnames[p.family] == 1}

    def build_topics(self) -> None:
        wanted = min(len(TOPICS), 12 + self.n_events // 250)
        chosen = self.rng.sample(TOPICS, wanted)
        self.topics = [Topic(self.new_id(slug(name, 6)), name, phrase) for name, phrase in chosen]
        for topic in self.topics:
            topic.related = [t.id for t in self.some([t for t in self.topics if t is not topic], 0, 3)]

    # events

    def dates(self) -> list[tuple[Day, Optional[Day]]]:
        rng = self.rng
        years = list(range(FIRST_YEAR, LAST_DAY.year + 1))
        bumps = {2001: 3, 2003: 1, 2008: 1, 2014: 3, 2015: 1, 2020: 1, 2021: 5, 2022: 4, 2023: 1}
        weights = [1 + 0.15 * (y - FIRST_YEAR) + bumps.get(y, 0) for y in years]
        out = []
        for year in rng.choices(years, weights, k=self.n_events):
            date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            r = rng.random()
            day = Day(date, "day" if r < 0.7 else "month" if r < 0.9 else "year")
            end = None
            if rng.random() < 0.08:
                span = rng.randint(20, 900)
                last = day.given.last_day() + dt.timedelta(days=span)
                if last <= LAST_DAY:
                    end = Day(last, day.precision)
            out.append((day, end))
        out.sort(key=lambda d: (d[0].date, d[0].precision))
        return out

    def actor(self) -> Country:
        """A country whose people are in the dossier, by weight."""
        return self.rng.choices(self.actors, cum_weights=self.actor_weights)[0]

    def person_from(self, country: Country, exclude: list[Person]) -> Person:
        group = self.people_by_country.get(country.id)
        for _ in range(6):
            if group and self.rng.random() < 0.85:
                person = self.rng.choices(group[0], cum_weights=group[1])[0]
            else:
                person = self.rng.choices(self.people, cum_weights=self.all_people_weights)[0]
            if person not in exclude:
                return person
        return next(p for p in self.people if p not in exclude)

    def place_in(self, country: Country, kinds: tuple[str, ...]) -> Optional[Place]:
        found = [p for p in self.places_by_country.get(country.id, ()) if p.kind in kinds]
        return self.pick(found) if found else None

    def event_core(self, day: Day, end: Optional[Day]) -> Event:
        rng = self.rng
        kind = self.weighted(self.kind_weights)
        _, low, high, bilateral = EVENT_KINDS[kind]
        # c1: where it happens (an actor too, but for field events); c2: the other party.
        field_event = kind in FIELD_KINDS
        c1 = rng.choices(self.countries, cum_weights=self.country_weights)[0] if field_event else self.actor()
        c2 = c1
        while c2 is c1:
            c2 = self.actor()
        people: list[Person] = []
        for i in range(min(rng.randint(low, high), len(self.people))):
            people.append(self.person_from((c1, c2)[i % 2] if bilateral else (c2 if field_event else c1), people))
        if bilateral:
            r = rng.random()
            neutral = self.pick(NEUTRAL_VENUES)
            venue_country = c1 if r < 0.4 else c2 if r < 0.7 else next((c for c in self.countries if c.id == neutral), c1)
        else:
            venue_country = c1
        venue = self.place_in(venue_country, ("city",) if bilateral or kind in ("statement", "evacuation") else ("city", "base", "airport", "region"))
        places = ([venue] if venue else []) + [self.country_places[venue_country.id]]
        if not bilateral and venue_country is not c2 and rng.random() < 0.3:
            places.append(self.country_places[c2.id])
        orgs = [self.org_by_key[(p.org_key, p.country.id)] for p in people if (p.org_key, p.country.id) in self.org_by_key]
        extra = self.orgs_by_country.get(c1.id, []) + self.orgs_by_country.get(c2.id, []) + self.orgs_by_country.get("", [])
        orgs += self.some(extra, 0, 2)
        orgs = list(dict.fromkeys(orgs))[:6]
        topics = self.some(self.topics, 1, 3)
        outlet = self.pick(self.outlets)
        ctx = self.context(day, end, kind, c1, c2, people, venue, venue_country, topics[0], outlet)
        article, template = self.pick(TITLES[kind]).split("|")
        title = fill(template, ctx)
        prefix = day.given.iso() if end is None or end.date.year == day.date.year else f"{day.date.year}-{end.date.year}"
        event = Event(self.new_id(f"{prefix}-{slug(title, 6, 60)}"), kind, day, end, title, c1, c2, people, places, orgs, topics,
                      ctx, outlet)
        ctx["title"] = title
        ctx["title_lc"] = f"{article}{lower_first(title)}" if article else f"« {title} »"  # the title in a sentence
        return event

    def context(self, day: Day, end: Optional[Day], kind: str, c1: Country, c2: Country, people: list[Person],
                venue: Optional[Place], venue_country: Country, topic: Topic, outlet: Org) -> dict[str, str]:
        rng = self.rng
        a = people[0]
        b = people[1] if len(people) > 1 else people[0]
        city = venue.name if venue else venue_country.name
        date_fr = fr_at(day.given) if end is None else f"entre {fr_at(day.given).removeprefix('en ')} et {fr_at(end.given).removeprefix('en ')}"
        return {
            "Date": cap(date_fr), "date": date_fr, "year": str(day.date.year), "year_prev": str(day.date.year - rng.randint(1, 6)),
            "A": a.surname, "B": b.surname, "PA": a.name, "PB": b.name, "roleA": a.role, "roleB": b.role,
            "roleA_short": a.bare_title,
            "city": city, "City": cap(city),
            "at_city": venue.at if venue else venue_country.in_, "near_city": venue.near if venue else venue_country.in_,
            "in_c1": c1.in_, "in_c2": c2.in_, "the_c1": c1.the, "The_c1": cap(c1.the), "the_c2": c2.the,
            "de_c1": c1.de, "de_c2": c2.de, "from_c1": c1.de,
            "capital1": c1.cities[0][0],
            "adj1_m": c1.m, "adj1_f": c1.f, "adj1_mp": c1.mp, "adj1_fp": c1.fp,
            "adj2_m": c2.m, "adj2_f": c2.f, "adj2_mp": c2.mp, "adj2_fp": c2.fp,
            "theme": topic.phrase, "threat": self.pick(THREATS), "denied": self.pick(DENIED),
            "outlet": outlet.the, "Outlet": cap(outlet.the), "hours": str(rng.randint(2, 5)),
        }

    def summary(self, event: Event) -> str:
        ctx = event.ctx
        pool = list(SENTENCES_ANY) + list(SENTENCES_CONTACT if event.kind in CONTACT_KINDS else SENTENCES_FIELD)
        sentences = [fill(self.pick(OPENINGS[event.kind]), ctx)] + [fill(t, ctx) for t in self.some(pool, 1, 4)]
        return " ".join(sentences)

    # sources

    def build_sources(self, events: list[Event]) -> list[Source]:
        rng = self.rng
        n = max(1, self.n_events // 2)
        covers: list[list[Event]] = [[] for _ in range(n)]
        for i, event in enumerate(events):
            covers[min(i * n // len(events), n - 1)].append(event)
        for i, group in enumerate(covers):  # a source covers at least one event
            if not group:
                covers[i] = [events[min(i * len(events) // n, len(events) - 1)]]
        sources: list[Source] = []
        ministries = [o for o in self.orgs if o.kind in ("ministry", "presidency")]
        for group in covers:
            first = group[0]
            ctx = first.ctx
            kind = self.weighted(SOURCE_KINDS)
            outlet: Optional[Org] = first.outlet
            agency: Optional[Org] = None
            is_agency = first.outlet.kind == "news-agency"
            if kind == "dispatch":
                agency = first.outlet if is_agency else self.pick(self.agencies)
                outlet = (first.outlet if not is_agency else self.pick(self.papers)) if rng.random() < 0.4 else None
            elif kind == "republication":
                agency = first.outlet if is_agency else self.pick(self.agencies)
                outlet = self.pick(self.papers) if is_agency else first.outlet
            elif kind == "press-release" and ministries:
                outlet = self.pick(ministries)
            language = self.weighted(LANGUAGE_WEIGHTS)
            two = len(first.people) > 1  # headlines naming two people need two
            if language == "en":
                title = fill(self.pick([h for h in HEADLINES_EN if two or "{B}" not in h]), ctx)
            else:
                title = fill(self.pick([h for h in HEADLINES if two or "{B}" not in h]), {**ctx, "quote": self.pick(QUOTES_FR)})
            latest = max(e.date.date for e in group)
            day = min(latest + dt.timedelta(days=rng.randint(0, 6)), LAST_DAY)
            r = rng.random()
            published = Day(day, "day" if r < 0.85 else "month" if r < 0.95 else "year")
            publisher = outlet or agency
            assert publisher is not None
            domain = publisher.domain or f"{publisher.short}.example"
            url = f"https://{domain}/{day.year}/{day.month:02d}/{slug(title, 7, 60)}-{len(sources) + 1}"
            archive = ""
            if rng.random() < 0.3:
                stamp = min(day + dt.timedelta(days=rng.randint(0, 30)), LAST_DAY)
                archive = f"https://web.archive.org/web/{stamp:%Y%m%d}{rng.randrange(24):02d}{rng.randrange(60):02d}{rng.randrange(60):02d}/{url}"
            sid = self.new_id(f"{publisher.short}-{slug(first.title, 3, 40)}-{day.year}")  # afp-rencontre-milley-helsinki-2021
            sources.append(Source(sid, title, kind, language, outlet, agency, published, group, url, archive))
        return sources

    def source_record(self, src: Source, sources: list[Source], index: int) -> dict[str, Any]:
        rng = self.rng
        first = src.events[0]
        ctx = dict(first.ctx)
        publisher = src.outlet or src.agency
        assert publisher is not None
        what = {"article": "Article", "dispatch": "Dépêche", "republication": "Reprise d’une dépêche", "press-release": "Communiqué",
                "transcript": "Transcription d’une émission", "other": "Texte"}[src.kind]
        by = publisher.the
        if src.agency is not None and src.outlet is not None:
            by = f"{src.agency.the}, publiée par {src.outlet.the}," if src.kind == "dispatch" else f"{src.outlet.the}, d’après {src.agency.the},"
        elif src.agency is not None:
            by = src.agency.the
        lines = [f"{what} de {by} sur {first.ctx['title_lc']}."]
        for other in src.events[1:3]:
            lines.append(f"Le texte évoque aussi {other.ctx['title_lc']} ({fr_at(other.date.given).removeprefix('le ').removeprefix('en ')}).")
        names = list(dict.fromkeys(p.name for e in src.events for p in e.people))[:3]
        if names:
            lines.append("Il cite " + (", ".join(names[:-1]) + " et " + names[-1] if len(names) > 1 else names[0]) + ".")
        lines += self.some(SOURCE_SENTENCES, 0, 2)
        summary = tidy(" ".join(lines))
        notes = []
        if src.language != "fr" and rng.random() < 0.8:
            notes.append({"kind": "translation", "text": f"Le titre et les citations sont traduits {from_language(LANGUAGES[src.language])} par nos soins."})
        if rng.random() < 0.3:
            for kind in self.some(SOURCE_NOTE_KINDS, 1, 2):
                person = first.people[0]
                variants = [v for v in (person.spell(person.first[-1], person.last[-1]), strip_accents(person.name)) if v != person.name]
                if kind == "misspelling" and not variants:
                    kind = "repetition"
                note_ctx = {**ctx, "variant": variants[0] if variants else "", "wrong_role": self.wrong_role(person),
                            "fragment": " ".join(src.title.translate(NO_QUOTES).split()[:4])}
                note: dict[str, Any] = {"kind": kind, "text": fill(self.pick(NOTE_TEXTS[kind]), note_ctx)}
                if kind in ("misspelling", "error") and len(sources) > 1:
                    note["sources"] = (sources[(index + 1) % len(sources)].id,)
                notes.append(note)
        if src.published.precision != "day":
            note_text = ("La page ne porte que le mois de publication, tiré de l’adresse de l’article." if src.published.precision == "month"
                         else "Aucune date n’est imprimée ; l’année est déduite du contenu.")
        else:
            note_text = ""
        authors = self.some(AUTHORS, 1, 2) if src.kind in ("article", "transcript") and rng.random() < 0.5 else None
        record: dict[str, Any] = {
            "title": src.title, "outlet": src.outlet.id if src.outlet else None, "agency": src.agency.id if src.agency else None,
            "authors": authors, "published": src.published.given.iso(),
            "published_basis": "deduced" if note_text else "printed",
            "published_note": note_text, "url": src.url, "archive_url": src.archive_url, "language": src.language,
            "kind": src.kind, "summary": summary, "notes": notes,
        }
        return record

    def wrong_role(self, person: Person) -> str:
        other = self.pick([p for p in PROFILES if p != person.profile])
        return PROFILES[other][0][1 if person.female and PROFILES[other][0][1] else 0].replace("^", "").split(", ")[-1]

    def cite(self, src: Source) -> tuple[str, tuple[str, ...]]:
        """A citation of src, relayed through another outlet now and then (`selon le WSJ`)."""
        if self.rng.random() < 0.12:
            own = {src.outlet.id if src.outlet else "", src.agency.id if src.agency else ""}
            via = self.pick([o for o in self.outlets if o.id not in own])
            return (src.id, (via.id,))
        return (src.id, ())

    # one event, written in full

    def event_record(self, event: Event, events: list[Event], index: int, by_source: dict[str, Source]) -> dict[str, Any]:
        rng = self.rng
        ctx = event.ctx
        cites = [{"source": sid, "via": via} if via else sid for sid, via in event.cites]
        plain = [sid for sid, _ in event.cites]
        participants = []
        for person in event.people:
            item: dict[str, Any] = {"person": person.id}
            if rng.random() < 0.85:
                item["role"] = person.role
            if rng.random() < 0.7:
                item["sources"] = self.some(plain, 1, 2)
            participants.append(item)
        claims = []
        used: set[str] = set()
        count = rng.choices((0, 1, 2, 3, 4), (22, 30, 25, 15, 8))[0]
        for _ in range(count):
            claims.append(self.claim(event, used, by_source))
        notes = []
        if rng.random() < 0.2:
            for kind in self.some(EVENT_NOTE_KINDS, 1, 2):
                note: dict[str, Any] = {"kind": kind, "text": fill(self.pick(NOTE_TEXTS[kind]), ctx)}
                if rng.random() < 0.7:
                    note["sources"] = tuple(self.some(plain, 1, 2))
                notes.append(note)
        date_note = ""
        if event.date.precision != "day" and rng.random() < 0.6:
            date_note = self.pick((
                "Les sources ne donnent que le mois ; le jour exact n’est pas connu." if event.date.precision == "month"
                else "Les sources ne situent l’événement que dans l’année.",
                f"Date déduite de la publication de {ctx['outlet']}, qui parle de « la semaine dernière ».",
            ))
        elif event.end and rng.random() < 0.5:
            date_note = "Période reconstituée d’après les premières et les dernières mentions dans les sources."
        related = []
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            j = index + rng.randint(-25, 25)
            if 0 <= j < len(events) and j != index and events[j].id not in related:
                related.append(events[j].id)
        return {
            "title": event.title, "kind": event.kind, "date": event.date.given.iso(),
            "date_basis": "deduced" if date_note else "printed",
            "end_date": event.end.given.iso() if event.end else None,
            "end_date_basis": ("deduced" if date_note else "printed") if event.end else None, "date_note": date_note,
            "places": [{"place": p.id, "basis": "named", "sources": (event.cites[0][0],)} for p in event.places],
            "participants": participants,
            "organisations": [o.id for o in event.orgs], "topics": [t.id for t in event.topics],
            "summary": self.summary(event), "sources": cites, "claims": claims, "notes": notes, "related": related,
        }

    def claim(self, event: Event, used: set[str], by_source: dict[str, Source]) -> dict[str, Any]:
        rng = self.rng
        kind = self.weighted(CLAIM_WEIGHTS)
        sid, via = self.pick(event.cites)
        src = by_source[sid]
        if kind == "report":
            author: Any = self.pick([o for o in self.outlets if o.id in via] or [src.outlet or src.agency])
            by_name, by_id, key = author.the, author.id, author.short
        elif event.orgs and rng.random() < 0.15:
            author = self.pick(event.orgs)
            by_name, by_id, key = author.the, author.id, author.short
        else:
            author = self.pick(event.people)
            by_name, by_id, key = author.name, author.id, slug(author.surname, 2, 20)
        ctx = {**event.ctx, "By": cap(by_name), "by": by_name}
        text = fill(self.pick(CLAIMS[kind]), ctx)
        if any(text == c[3] for c in event.claims):  # said twice in one event: say something else
            others = [(k, x) for k in CLAIMS if (k == "report") == (kind == "report") for x in CLAIMS[k]]
            for k, template in self.rng.sample(others, len(others)):
                kind, text = k, fill(template, ctx)
                if all(text != c[3] for c in event.claims):
                    break
        if rng.random() < 0.4:
            text += " " + fill(self.pick(CLAIM_TAILS), ctx)
        cid = f"{key}-{CLAIM_WORDS[kind]}"
        n = 2
        while cid in used:
            cid = f"{key}-{CLAIM_WORDS[kind]}-{n}"
            n += 1
        used.add(cid)
        event.claims.append((cid, kind, by_name, text))
        self.counts["claims"] += 1
        record: dict[str, Any] = {"id": cid, "by": by_id, "kind": kind}
        r = rng.random()
        if r < 0.6:
            record["date"] = event.date.given.iso()
            record["date_basis"] = "printed"
        elif r < 0.8 and event.date.precision == "day":
            record["date"] = Day(event.date.date, "month").given.iso()
            record["date_basis"] = "deduced"
            record["date_note"] = fill("Propos rapportés par {outlet} ; le jour exact n’est pas précisé.", ctx)
        record["text"] = text
        if rng.random() < 0.5:
            english = src.language == "en"
            record["quote"] = self.pick(QUOTES_EN if english else QUOTES_FR)
            if rng.random() < 0.8:
                record["quote_language"] = "en" if english else "fr"
        cites = [(sid, via)] + ([c for c in event.cites if c[0] != sid][:1] if rng.random() < 0.2 else [])
        record["sources"] = [{"source": s, "via": v} if v else s for s, v in cites]
        return record

    # contradictions

    def contradictions(self, events: list[Event], write: Any) -> None:
        """Events/50 disagreements, each with 2–3 sides resting on nearby claims (or events when none)."""
        rng = self.rng
        pool = [e for e in events if e.claims] or events
        for _ in range(self.n_events // 50):
            base = rng.randrange(len(pool))
            picks = [base] + [min(len(pool) - 1, max(0, base + rng.randint(-20, 20))) for _ in range(rng.choice((1, 1, 2)))]
            chosen = list(dict.fromkeys(pool[i] for i in picks))
            if len(chosen) == 1:
                chosen.append(chosen[0])  # two sides on one event: two of its claims, or a claim and the event
            used: set[tuple[str, int]] = set()
            sides = []
            for event in chosen:
                free = [i for i in range(len(event.claims)) if (event.id, i) not in used]
                side: dict[str, Any] = {}
                if free:
                    i = self.pick(free)
                    used.add((event.id, i))
                    cid, kind, by, text = event.claims[i]
                    side["label"] = fill(SIDE_LABELS[kind], {"By": cap(by)})[:120]
                    side["text"] = text
                    side["claims"] = [f"{event.id}/{cid}"]
                else:
                    side["label"] = event.title if len(event.title) <= 120 else event.title[:119] + "…"
                    side["text"] = fill("Ce côté s’appuie sur l’événement « {title} », {date}.", event.ctx)
                    side["events"] = [event.id]
                side["sources"] = [event.cites[0][0]]
                sides.append(side)
            first = chosen[0]
            outlets = self.some(self.outlets, 2, 2)
            a, b = first.people[0], chosen[-1].people[-1]
            ctx = {**first.ctx, "Outlet1": cap(outlets[0].the), "Outlet2": outlets[1].the, "A": a.surname, "B": b.surname}
            title = fill(self.pick([x for x in CONTRADICTION_TITLES if a is not b or "{B}" not in x]), ctx)
            summary = fill("Les sources ne s’accordent pas sur {theme}. " + self.pick((
                "Les déclarations rapportées d’un événement à l’autre ne peuvent pas être toutes exactes.",
                "Les positions affichées publiquement s’accordent mal avec les informations de presse.",
                "Les mêmes faits sont racontés de deux façons différentes selon l’origine de l’information.")), ctx)
            record: dict[str, Any] = {
                "title": title, "kind": self.weighted(CONTRADICTION_KINDS), "summary": summary, "sides": sides,
                "noted_by": [first.cites[-1][0]] if rng.random() < 0.3 else None,
                "assessment": self.pick(ASSESSMENTS) if rng.random() < 0.5 else None,
                "topics": [t.id for t in first.topics[:2]],
            }
            write("contradictions", self.new_id(slug(title, 7)), record)

    # the entities, written once every event has cited them

    def person_record(self, person: Person, fallback: list[str]) -> dict[str, Any]:
        rng = self.rng
        srcs = list(dict.fromkeys(s for _, s in person.seen)) or [self.pick(fallback)]
        aliases: list[dict[str, Any]] = []
        candidates: list[tuple[str, str]] = []
        if strip_accents(person.name) != person.name and rng.random() < 0.6:
            candidates.append((strip_accents(person.name), ""))
        english = person.spell(person.first[-1], person.last[-1])
        if english != person.name and rng.random() < 0.75:
            candidates.append((english, "Transcription anglaise."))
        mixed = person.spell(person.first[-1], person.last[0])
        if mixed not in (english, person.name) and rng.random() < 0.3:
            candidates.append((mixed, ""))
        if person.profile == "military" and rng.random() < 0.4:
            rank = person.title.split("^")[0]
            candidates.append((f"{rank} {person.name}", ""))
        if person.id in self.unique_surname:
            if rng.random() < 0.35:
                candidates.append((person.surname, ""))
            if not person.surname_first and rng.random() < 0.2:
                candidates.append((f"{person.first[0][0]}. {person.surname}", ""))
        seen_names = {person.name}
        for name, note in candidates:
            if name in seen_names:
                continue
            seen_names.add(name)
            alias: dict[str, Any] = {"name": name, "sources": tuple(self.some(srcs, 1, 2))}
            if note:
                alias["note"] = note
            aliases.append(alias)
        roles = []
        org = self.org_by_key.get((person.org_key, person.country.id))
        dates = [d for d, _ in person.seen] or [Day(dt.date(2020, 1, 1), "year")]
        roles.append({"title": person.role, "organisation": org.id if org else None, "attested": dates[0].given.iso(),
                      "attested_basis": "printed", "sources": tuple(srcs[:2])})
        if len(dates) > 1 and rng.random() < 0.5:
            start = dates[0].date.year
            end = max(start, dates[-1].date.year)
            roles.append({"title": person.role, "organisation": org.id if org else None, "from": str(start),
                          "from_basis": "printed", "to": str(end) if end > start else None,
                          "to_basis": "printed" if end > start else None, "sources": tuple(srcs[-2:])})
        years = sorted({d.date.year for d in dates})
        when = f"en {years[0]}" if len(years) == 1 else f"entre {years[0]} et {years[-1]}"
        pronoun = "la" if person.female else "le"
        description = tidy(f"{cap(person.role)}. Les sources du dossier {pronoun} citent {when}, "
                           f"notamment à propos de {person.about or self.pick(self.topics).phrase}.")
        notes = []
        if len(aliases) > 1 and rng.random() < 0.15:
            notes.append({"kind": "misspelling", "text": f"Certaines sources écrivent « {aliases[-1]['name']} » ; la graphie retenue est « {person.name} ».",
                          "sources": tuple(srcs[:1])})
        return {"name": person.name, "aliases": aliases, "roles": roles, "country": person.country.id,
                "description": description, "sources": srcs[:5], "notes": notes}

    def org_record(self, org: Org, fallback: list[str]) -> dict[str, Any]:
        srcs = org.seen[:5] or [self.pick(fallback)]
        parent = self.org_by_key.get(org.parent_key) if org.parent_key else None
        affiliation = None
        if org.status:
            assert org.country is not None
            affiliation = {"status": org.status, "country": org.country.id}
        description = org.description
        if not org.status:
            description = tidy(f"{description} Ses responsables sont cités à propos de {org.about or self.pick(self.topics).phrase}.")
        notes = []
        if org.status and self.rng.random() < 0.5:
            notes.append({"kind": "context", "text": f"{cap(org.the)} est {STATUS_TEXT[org.status]} : ses informations sont lues avec cette réserve."})
        return {"name": org.name, "kind": org.kind, "aliases": list(org.aliases),
                "country": org.country.id if org.country else None, "parent": parent.id if parent else None,
                "affiliation": affiliation, "description": description, "sources": srcs, "notes": notes}

    def place_record(self, place: Place, fallback: list[str]) -> dict[str, Any]:
        record: dict[str, Any] = {"name": place.name, "kind": place.kind, "aliases": list(place.aliases),
                                  "country": place.country.id if place.country else None, "within": place.within,
                                  "coordinates": {"lat": place.lat, "lon": place.lon}}
        if place.seen or self.rng.random() < 0.3:
            if place.kind == "country":
                country = next(c for c in self.countries if c.id == place.id)
                text = f"Pays dont la capitale est {country.cities[0][0]}."
            elif place.kind in ("region", "body-of-water") and place.country is None:
                text = f"{place.name}, cadre de plusieurs événements du dossier."
            else:
                assert place.country is not None
                if place.kind == "city" and place.name == place.country.cities[0][0]:
                    text = f"Capitale {place.country.de}."
                else:
                    what = {"city": "Ville", "airport": "Aéroport", "base": "Installation militaire", "region": "Région"}.get(place.kind, "Lieu")
                    text = f"{what} située {place.country.in_}." if what != "Aéroport" else f"Aéroport situé {place.country.in_}."
            text += f" Les sources du dossier en parlent à propos de {place.about or self.pick(self.topics).phrase}."
            record["description"] = tidy(text)
            record["sources"] = place.seen[:5] or [self.pick(fallback)]
        return record

    def topic_record(self, topic: Topic) -> dict[str, Any]:
        description = (f"Ce thème regroupe les événements consacrés à {topic.phrase}. " + self.pick((
            "Les sources divergent souvent sur les intentions prêtées aux acteurs.",
            "Plusieurs informations n’y reposent que sur des sources anonymes.",
            "Les déclarations officielles y contrastent souvent avec les révélations de presse.")))
        return {"name": topic.name, "description": description, "related": topic.related, "sources": topic.seen[:3]}

    # the whole run

    def run(self, data: Path) -> dict[str, int]:
        rng = self.rng

        def write(kind: str, rid: str, record: dict[str, Any]) -> None:
            (data / kind / f"{rid}.yaml").write_text(dump_record(kind, record), encoding="utf-8", newline="\n")
            self.counts[kind] += 1

        for kind in KINDS:
            (data / kind).mkdir(parents=True, exist_ok=True)
        self.build_places()
        self.build_orgs()
        self.build_people()
        self.build_topics()
        events = [self.event_core(day, end) for day, end in self.dates()]
        sources = self.build_sources(events)
        by_source = {s.id: s for s in sources}
        for src in sources:
            for event in src.events:
                event.cites.append(self.cite(src))
        for i, event in enumerate(events):  # sometimes a second or third source, published near it
            for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
                j = min(len(sources) - 1, max(0, i * len(sources) // len(events) + rng.randint(-3, 3)))
                if all(sources[j].id != sid for sid, _ in event.cites):
                    event.cites.append(self.cite(sources[j]))
        for i, src in enumerate(sources):
            write("sources", src.id, self.source_record(src, sources, i))
        for i, event in enumerate(events):
            record = self.event_record(event, events, i, by_source)
            write("events", event.id, record)
            primary = event.cites[0][0]
            theme = event.topics[0].phrase
            mentioned: list[Person | Org | Place] = [*event.people, *event.orgs, *event.places]
            for item in mentioned:
                item.about = item.about or theme
            for person in event.people:
                if len(person.seen) < 6:
                    person.seen.append((event.date, primary))
            for item in event.orgs:
                if len(item.seen) < 5 and primary not in item.seen:
                    item.seen.append(primary)
            for place in event.places:
                if len(place.seen) < 5 and primary not in place.seen:
                    place.seen.append(primary)
            for topic in event.topics:
                if len(topic.seen) < 3 and primary not in topic.seen:
                    topic.seen.append(primary)
        for src in sources:
            for outlet in (src.outlet, src.agency):
                if outlet is not None and len(outlet.seen) < 3 and src.id not in outlet.seen:
                    outlet.seen.append(src.id)
        self.contradictions(events, write)
        fallback = [s.id for s in sources]
        for person in self.people:
            write("people", person.id, self.person_record(person, fallback))
        for org in self.outlets + self.orgs:
            write("organisations", org.id, self.org_record(org, fallback))
        for place in self.regions + list(self.country_places.values()) + self.places:
            write("places", place.id, self.place_record(place, fallback))
        for topic in self.topics:
            write("topics", topic.id, self.topic_record(topic))
        return dict(self.counts)


def synthesize(out: Path, events: int, seed: int = 1) -> dict[str, int]:
    """Write a synthetic dossier of `events` events into out/dossier/; return the count per kind and of claims.

    Refuses (ValueError) a dossier folder that already holds anything, and fewer than one event.
    """
    if events < 1:
        raise ValueError(f"expected at least one event, found {events}")
    data = Path(out) / "dossier"
    if data.exists() and (not data.is_dir() or any(data.iterdir())):
        raise ValueError(f"{data} already exists and is not empty; synthesize into a fresh folder")
    return Synth(events, seed).run(data)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Write a synthetic dossier from the command line; 0 when written, 2 for usage errors (a folder in use)."""
    parser = argparse.ArgumentParser(prog="synth.py", description="Write a synthetic dossier (for benchmarks): valid, French, deterministic for a seed.")
    parser.add_argument("--events", type=int, required=True, help="how many events (the other kinds follow in proportion)")
    parser.add_argument("--out", type=Path, required=True, help="project folder to create; its dossier/ must not exist or be empty")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same files (default: 1)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        counts = synthesize(args.out, args.events, args.seed)
    except ValueError as exc:
        print(f"synth: {visible(str(exc))}", file=sys.stderr)
        return 2
    print("ok: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()) + f" in {args.out / 'dossier'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
