# Usage: python3 crates/timex/tests/gen_cases.py
# Generates crates/timex/tests/cases_news.txt rows whose expected values are
# computed here with Python's datetime (independently of the Rust code).
import datetime as dt
import os
ROOT=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','..')
D=dt.date
rows=[]
def add(ref,sent,exp,trad=False):
    e='; '.join(f'{t}={v}' for t,v in exp) if exp else '-'
    rows.append(f"{'T ' if trad else ''}{ref} | {sent} | {e}")
def iso(d): return d.isoformat()
def past_wd(r,wd): return r - dt.timedelta(days=(r.isoweekday()-wd)%7)
def fut_wd(r,wd): return r + dt.timedelta(days=(wd-r.isoweekday())%7)
def addm(y,m,o):
    i=y*12+m-1+o; return i//12, i%12+1
refs=[D(2023,8,25),D(2024,1,3),D(2024,2,29),D(2022,12,31),D(2021,3,1)]
wds={1:'一',2:'二',3:'三',4:'四',5:'五',6:'六',7:'日'}
rows.append('# --- weekdays: past (most recent on or before) and future (next on or after)')
for r in refs[:4]:
    for wd,c in wds.items():
        add(iso(r),f'周{c}，代表团抵达首都。',[(f'周{c}',iso(past_wd(r,wd)))])
        add(iso(r),f'代表团将于星期{c}抵达首都。',[(f'星期{c}',iso(fut_wd(r,wd)))])
for wd,c in wds.items():
    r=refs[4]
    add(iso(r),f'總統週{c}在國會發表演說。',[(f'週{c}',iso(past_wd(r,wd)))],True)
    add(iso(r),f'外長預計週{c}抵達東京。',[(f'週{c}',iso(fut_wd(r,wd)))],True)
rows.append('# --- relative days')
rel=[('今天',0),('昨天',-1),('前天',-2),('明天',1),('后天',2),('今日',0),('昨日',-1),('明日',1),('今晚',0),('昨晚',-1),('本日',0),('今起',0),('昨午',-1),('前晚',-2)]
for r in refs[:3]:
    for w,o in rel:
        add(iso(r),f'{w}，两国外长举行会谈。',[(w,iso(r+dt.timedelta(days=o)))])
trel=[('今天',0),('昨天',-1),('明天',1),('昨晚',-1),('明晚',1),('今晨',0),('昨日',-1),('前天',-2)]
for w,o in trel:
    r=refs[4]
    add(iso(r),f'行政院{w}召開會議。',[(w,iso(r+dt.timedelta(days=o)))],True)
rows.append('# --- short newsroom forms before a bracketed day (Taiwan, Hong Kong)')
for r in [D(2023,8,25),D(2023,9,1),D(2024,3,1),D(2022,1,1),D(2023,12,31)]:
    for w,o in [('今',0),('明',1),('昨',-1),('前',-2)]:
        d=r+dt.timedelta(days=o)
        add(iso(r),f'外交部{w}（{d.day}）日表示將加強合作。',[(f'{w}（{d.day}）日',iso(d))],True)
        add(iso(r),f'颱風{w}（{d.day}日）登陸。',[(f'{w}（{d.day}日）',iso(d))],True)
rows.append('# --- a bracketed day after a full day word: its own expression, and it fixes the week')
for r in [D(2023,9,1),D(2019,6,12),D(2021,1,8)]:
    for wd in (1,3,5,7):
        d=fut_wd(r,wd)
        add(iso(r),f'颱風預計周{wds[wd]}（{d.day}日）登陸。',[(f'周{wds[wd]}',iso(d)),(f'{d.day}日',iso(d))],True)
    add(iso(r),f'今天（{r.day}日）雙方會談。',[('今天',iso(r)),(f'{r.day}日',iso(r))],True)
rows.append('# --- counts before 前 / 前 after a count')
num=[('两',2),('三',3),('五',5),('十',10),('3',3),('7',7)]
r=D(2023,11,20)
for c,n in num:
    add(iso(r),f'{c}天前，谈判破裂。',[(f'{c}天前',iso(r-dt.timedelta(days=n)))])
    add(iso(r),f'{c}周前，谈判破裂。',[(f'{c}周前',iso(r-dt.timedelta(days=7*n)))])
    y,m=addm(r.year,r.month,-n)
    add(iso(r),f'{c}个月前，谈判破裂。',[(f'{c}个月前',f'{y:04d}-{m:02d}')])
    add(iso(r),f'{c}年前，谈判破裂。',[(f'{c}年前',str(r.year-n))])
for c,n in [('一',1),('兩',2),('三',3)]:
    y,m=addm(2023,8,-n)
    add('2023-08-31',f'{c}個月前，颱風來襲。',[(f'{c}個月前',f'{y:04d}-{m:02d}')],True)
    add('2023-08-31',f'{c}週前，颱風來襲。',[(f'{c}週前',iso(D(2023,8,31)-dt.timedelta(days=7*n)))],True)
rows.append('# --- counts after a narrative time (后/後)')
for y0 in (1990,2001,2015):
    for c,n in [('一',1),('两',2),('3',3),('十',10)]:
        add('2023-11-20',f'{y0}年，该组织成立。{c}年后，总部迁往日内瓦。',[(f'{y0}年',str(y0)),(f'{c}年后',str(y0+n))])
for (m,d) in [(3,5),(6,28),(10,1)]:
    base=D(2023,m,d)
    for c,n in [('两',2),('三',3),('5',5)]:
        add('2023-11-20',f'{m}月{d}日，双方签署协议。{c}天后，协议生效。',[(f'{m}月{d}日',iso(base)),(f'{c}天后',iso(base+dt.timedelta(days=n)))])
add('2023-11-20','7个月后，局势恶化。',[])
add('2023-11-20','三年后，这座城市将焕然一新。',[])
add('2023-11-20','七个月后的今天，局势依然紧张。',[('今天','2023-11-20')])
rows.append('# --- 当年/同年/该年: the last explicit year')
for y0 in (1962,1987,2013):
    add('2023-09-01',f'{y0}年台风袭港。当年9月，政府修订了法例。',[(f'{y0}年',str(y0)),('当年9月',f'{y0}-09')])
    add('2023-09-01',f'{y0}年台风袭港，当年造成严重破坏。',[(f'{y0}年',str(y0)),('当年',str(y0))])
    add('2023-09-01',f'{y0}年台風襲港。當年11月，政府修訂法例。',[(f'{y0}年',str(y0)),('當年11月',f'{y0}-11')],True)
    add('2023-09-01',f'{y0}年，双方建交。同年2月，两国互设使馆。',[(f'{y0}年',str(y0)),('同年2月',f'{y0}-02')])
rows.append('# --- named days of a fixed date')
hol=[l.split('\t') for l in open(os.path.join(ROOT,'lexicon/holidays.tsv')).read().split('\n') if l and not l.startswith('#') and not l.startswith('form\t')]
for form,m,d,_ in hol:
    if not (m.isdigit() and d.isdigit()):
        continue  # lunar, ordinal-weekday and solar-term rows: see below and cases.rs
    m,d=int(m),int(d)
    for r in (D(2024,6,15),D(2023,12,20)):
        x=D(r.year,m,d)
        past = x if x<=r else D(r.year-1,m,d)
        fut = x if x>=r else D(r.year+1,m,d)
        add(iso(r),f'人们在{form}举行了纪念活动。',[(form,iso(past))])
        add(iso(r),f'政府将在{form}举行纪念活动。',[(form,iso(fut))])
trad_h=[('國慶日',10,10),('國際人權日',12,10),('聖誕節',12,25),('勞動節',5,1),('和平紀念日',2,28),('國際兒童節',6,1)]
for form,m,d in trad_h:
    r=D(2023,11,1); x=D(r.year,m,d); past = x if x<=r else D(r.year-1,m,d)
    add(iso(r),f'民眾在{form}走上街頭。',[(form,iso(past))],True)
rows.append('# --- the text states its own day')
for d in (D(2021,1,6),D(2020,2,29),D(2019,12,31)):
    pub=d+dt.timedelta(days=1)
    s=f'今天是{d.year}年{d.month}月{d.day}日。昨天，议会通过了法案。'
    add(iso(pub),s,[('今天',iso(d)),(f'{d.year}年{d.month}月{d.day}日',iso(d)),('昨天',iso(d-dt.timedelta(days=1)))])
rows.append('# --- date stamps and labels that are no timex')
for s in ['2023/08/23 国际新闻','2023-08-23\\n外长抵达北京。','2021.03.04 每日快讯']:
    exp=[('外长','')] and []
    add('2023-08-24',s,[])
add('2023-08-24','外长于2023/08/23抵达北京，双方举行会谈。',[('2023/08/23','2023-08-23')])
add('2023-08-24','接近1962年的纪录。',[('1962年','1962')])
add('2023-08-24','近2000年来，这里一直有人居住。',[])
rows.append('# --- years, parts of years')
for y0 in (2019,2021,2024):
    add('2024-06-15',f'{y0}年初，疫苗上市。',[(f'{y0}年初',str(y0))])
    add('2024-06-15',f'{y0}年底，工程完工。',[(f'{y0}年底',f'{y0}-12')])
    add('2024-06-15',f'{y0}年较早时，双方会面。',[(f'{y0}年较早时',str(y0))])
add('2024-06-15','明年初将举行大选。',[('明年初','2025')])
add('2024-06-15','今年早些时候，双方会面。',[('今年早些时候','2024')])
add('2024-06-15','上年度的预算有所增加。',[('上年度','2023')])
add('2024-06-15','上一年度的预算有所增加。',[('上一年度','2023')])
add('2024-06-15','工程预计年内完工。',[('年内','2024')])
add('2024-06-15','2019年，公司成立，年内完成融资。',[('2019年','2019'),('年内','2019')])
rows.append('# --- day ranges in one expression, fiscal labels, month anaphors')
for (m,a,b) in [(10,15,16),(3,1,3),(12,30,31)]:
    add('2024-12-31',f'会议于{m}月{a}-{b}日举行。',[(f'{m}月{a}-{b}日',f'2024-{m:02d}-{a:02d}')])
    add('2024-12-31',f'論壇於{m}月{a}～{b}日舉行。',[(f'{m}月{a}～{b}日',f'2024-{m:02d}-{a:02d}')],True)
for w in ['中期业绩公告','报告','财报','最佳球员']:
    add('2024-06-15',f'公司发表了2023年度{w}。',[])
add('2024-06-15','公司2023年度的营收增长了一成。',[('2023年度','2023')])
add('2024-06-15','公司發表2023年度中期業績公告。',[],True)
for (m,name) in [(7,'七月份'),(3,'3月'),(12,'12月')]:
    y,n=addm(2023,m,1)
    add('2023-12-20',f'{name}的数据显示失业率创新高。次月，官方停止公布数据。',[(name,f'2023-{m:02d}'),('次月',f'{y:04d}-{n:02d}')])
    add('2023-12-20',f'{name}双方签署协议，同月协议生效。',[(name,f'2023-{m:02d}'),('同月',f'2023-{m:02d}')])
rows.append('# --- forecasts make weekdays of their sentence future; 今(1日)天')
for r in [D(2023,9,1),D(2024,5,15),D(2022,7,20)]:
    for wd in (1,3,6,7):
        c=wds[wd]
        add(iso(r),f'若预测不变，台风到周{c}基本上会远离本市。',[(f'周{c}',iso(fut_wd(r,wd)))])
        add(iso(r),f'天文台預報，週{c}起天氣轉晴。',[(f'週{c}',iso(fut_wd(r,wd)))],True)
    add(iso(r),f'港府預告，今({r.day}日)天凌晨發出警告。',[(f'{r.day}日',iso(r))],True)
rows.append('# --- a bracketed full date after a day word is its own expression')
for r in [D(2020,9,1),D(2023,3,1),D(2024,1,1)]:
    y=r-dt.timedelta(days=1)
    add(iso(r),f'军方昨天（{y.month}月{y.day}日）发表声明。',[('昨天',iso(y)),(f'{y.month}月{y.day}日',iso(y))])
rows.append('# --- caption dates and newspaper names are no timex')
for d in (D(2020,7,28),D(2021,11,12),D(2019,1,5)):
    add('2021-12-01',f'行人走过街头的宣传牌。（{d.year}年{d.month}月{d.day}日）',[])
    add('2021-12-01',f'議員集體辭職後，議席空蕩蕩。（{d.year}年{d.month}月{d.day}日）\\n警方星期三拘捕三人。',[('星期三','2021-12-01')],True)
    add('2021-12-01',f'军方昨天（{d.year}年{d.month}月{d.day}日）发表声明。',[('昨天','2021-11-30'),(f'{d.year}年{d.month}月{d.day}日',iso(d))])
for w in ['周日快报','星期日泰晤士报','周日邮报']:
    add('2021-12-01',f'英国《{w}》刊登了民调结果。',[])
add('2021-12-01','英國「週日快報」刊登民調。',[],True)
rows.append('# --- two-digit years')
cn='〇一二三四五六七八九'
for y in (2007,2003,1997,1985,1998):  # not 1989: 八九年 reads as 'eight or nine years'
    t=cn[(y//10)%10]+cn[y%10]
    if y<2000 and (y//10)%10 not in (8,9): continue
    t2=t.replace('〇','零')
    add('2024-06-15',f'{t2}年，他首次当选议员。',[(f'{t2}年',str(y))])
    add('2024-06-15',f'{t}年3月，两国建交。',[(f'{t}年3月',f'{y}-03')])
for y in (2015,2008,1999):
    add('2024-06-15',f"他在'{y%100:02d}年加入公司。",[(f"'{y%100:02d}年",str(y))])
    add('2024-06-15',f"他在’{y%100:02d}年加入公司。",[(f"’{y%100:02d}年",str(y))])
for t in ['二三年','两三年','十二年','二十年','八九年']:
    add('2024-06-15',f'他在这里工作了{t}。',[])
rows.append('# --- holidays fixed as an ordinal weekday of a month')
def nth_wd(y,m,wd,n):
    d=D(y,m,1)
    d+=dt.timedelta(days=(wd-d.isoweekday())%7)
    return d+dt.timedelta(days=7*(n-1))
def last_wd(y,m,wd):
    d=(D(y+1,1,1) if m==12 else D(y,m+1,1))-dt.timedelta(days=1)
    return d-dt.timedelta(days=(d.isoweekday()-wd)%7)
for y in (2019,2021,2023,2025,2030):
    tg=nth_wd(y,11,4,4); md=nth_wd(y,5,7,2); mem=last_wd(y,5,1)
    add(iso(D(y,12,1)),'感恩节，总统赦免火鸡。',[('感恩节',iso(tg))])
    add(iso(D(y,6,1)),'母親節，餐廳大排長龍。',[('母親節',iso(md))],True)
    add(iso(D(y,6,15)),'阵亡将士纪念日，总统出席仪式。',[('阵亡将士纪念日',iso(mem))])
    add(iso(D(y,4,1)),f'他将在5月的第二个星期日发表演讲。',[('5月的第二个星期日',iso(md))])
    add(iso(D(y,10,1)),f'美國將於11月第四個星期四慶祝。',[('11月第四個星期四',iso(tg))],True)
rows.append('# --- counts ago from the narrative day of the paragraph')
for d in (D(2023,8,29),D(2024,2,28),D(2021,1,6)):
    r=d+dt.timedelta(days=5)
    for c,n in (('三',3),('十',10)):
        add(iso(r),f'{d.month}月{d.day}日，部长表示，{c}天前的会谈取得进展。',[(f'{d.month}月{d.day}日',iso(d)),(f'{c}天前',iso(d-dt.timedelta(days=n)))])
    y,m=addm(d.year,d.month,-2)
    add(iso(r),f'{d.month}月{d.day}日，她拿出兩個月前購買的儀器。',[(f'{d.month}月{d.day}日',iso(d)),('兩個月前',f'{y:04d}-{m:02d}')],True)
open(os.path.join(ROOT,'crates/timex/tests/cases_news.txt'),'w').write('''# Cases for the newsroom forms, offsets, named days and reference-day rules
# (same row format as CASES in cases.rs). Written by crates/timex/tests/gen_cases.py,
# whose expected values come from Python's datetime, not from the Rust code.
'''+'\n'.join(rows)+'\n')
print(len([r for r in rows if not r.startswith('#')]))
