/**
 * Chinese homophones: a Chinese question is typed through pinyin, and a character of the wrong word with the same
 * sound is a common slip (护招 for 护照, 驾使证 for 驾驶证, 工做 for 工作, 出声 for 出生, 社宝 for 社保). A character pair
 * the index has never seen is read as the pair of the catalogue's text one such slip away (Searcher.analyzeQuery picks
 * the form most documents hold, as it does for a Korean or katakana typo). Source: the readings of pinyin-pro 3.29.4
 * (MIT; its default, most common reading of each character, tones dropped as a pinyin keyboard drops them) for the
 * 3,755 characters of GB2312's first level and the characters of the catalogue's Chinese names; characters grouped
 * by syllable, groups of one left out (369 syllables).
 */

/** Syllable, a colon, its characters; groups split by semicolons. */
const GROUPS =
  "a:啊阿;ai:埃挨哎唉哀皑癌蔼矮艾碍爱隘;an:鞍氨安俺按暗岸胺案;ang:肮昂盎;ao:凹敖熬翱袄傲奥懊澳嚣;ba:芭捌扒叭吧笆八疤巴拔跋靶把坝霸罢爸;bai:白柏百摆佰败拜稗;" +
  "ban:斑班搬扳般颁板版扮拌伴瓣半办绊;bang:邦帮梆榜膀绑棒磅蚌镑傍谤;bao:苞胞包褒剥薄雹保堡饱宝抱报暴豹鲍爆;bei:杯碑悲卑北辈背贝钡倍狈备惫焙被;ben:奔苯本笨;beng:崩绷甭泵蹦迸;" +
  "bi:逼鼻比鄙笔彼碧蓖蔽毕毙毖币庇痹闭敝弊必壁臂避陛;bian:鞭边编贬扁便变卞辨辩辫遍;biao:标彪膘表;bie:鳖憋别瘪;bin:彬斌濒滨宾摈;bing:兵冰柄丙秉饼炳病并;" +
  "bo:玻菠播拨钵波博勃搏铂箔伯帛舶脖膊渤泊驳簿;bu:捕卜哺补埠不布步部怖;cai:猜裁材才财睬踩采彩菜蔡;can:餐参蚕残惭惨灿;cang:苍舱仓沧藏;cao:操糙槽曹草;ce:厕策侧册测;" +
  "ceng:层蹭曾;cha:插叉茬茶查碴搽察岔差诧刹;chai:拆柴豺;chan:搀掺蝉馋谗缠铲产阐颤;chang:昌猖场尝常长偿肠厂敞畅唱倡;chao:超抄钞朝嘲潮巢吵炒;che:车扯撤掣彻澈;" +
  "chen:郴臣辰尘晨忱沉陈趁衬;cheng:撑称城橙成呈乘程惩澄诚承逞骋秤;chi:吃痴持匙池迟弛驰耻齿侈尺赤翅斥炽;chong:充冲虫崇宠;chou:抽酬畴踌稠愁筹仇绸瞅丑臭;" +
  "chu:初出橱厨躇锄雏滁除楚础储矗搐触处畜;chuan:川穿椽传船喘串;chuang:疮窗床闯创;chui:吹炊捶锤垂;chun:春椿醇唇淳纯蠢;chuo:戳绰;ci:疵茨磁雌辞慈瓷词此刺赐次;" +
  "cong:聪葱囱匆从丛;cu:粗醋簇促;cuan:蹿篡窜;cui:摧崔催脆瘁粹淬翠;cun:村存寸;cuo:磋撮搓措挫错;da:搭达答瘩打大;dai:呆歹傣戴带殆代贷袋待逮怠;" +
  "dan:耽担丹单郸掸胆旦氮但惮淡诞蛋;dang:当挡党荡档;dao:刀捣蹈倒岛祷导到稻悼道盗;de:德得的;deng:蹬灯登等瞪凳邓;di:堤低滴迪敌笛狄涤嫡抵底地蒂第帝弟递缔;" +
  "dian:颠掂滇碘点典靛垫电佃甸店惦奠淀殿;diao:碉叼雕凋刁掉吊钓;die:跌爹碟蝶迭谍叠;ding:丁盯叮钉顶鼎锭定订;dong:东冬董懂动栋侗恫冻洞;dou:兜抖斗陡豆逗痘都;" +
  "du:督毒犊独读堵睹赌杜镀肚度渡妒;duan:端短锻段断缎;dui:堆兑队对;dun:墩吨蹲敦顿钝盾遁;duo:掇哆多夺垛躲朵跺舵剁惰堕;e:蛾峨鹅俄额讹娥恶厄扼遏鄂饿;er:而儿耳尔饵洱二贰;" +
  "fa:发罚筏伐乏阀法珐;fan:藩帆番翻樊矾钒繁凡烦反返范贩犯饭泛;fang:坊芳方肪房防妨仿访纺放;fei:菲非啡飞肥匪诽吠肺废沸费;fen:芬酚吩氛分纷坟焚汾粉奋份忿愤粪;" +
  "feng:丰封枫蜂峰锋风疯烽逢冯缝讽奉凤;fu:夫敷肤孵扶拂辐幅氟符伏俘服浮涪福袱弗甫抚辅俯釜斧腑府腐赴副覆赋复傅付阜父腹负富讣附妇缚咐;ga:噶嘎;gai:该改概钙盖溉;" +
  "gan:干甘杆柑竿肝赶感秆敢赣;gang:冈刚钢缸肛纲岗港杠;gao:篙皋高膏羔糕搞稿告;ge:哥歌搁戈鸽胳疙割革葛格阁隔铬个各咯;gen:根跟;geng:耕更庚羹埂耿梗;" +
  "gong:工攻功恭龚供躬公宫弓巩汞拱贡共;gou:钩勾沟苟狗垢构购够;gu:辜菇咕箍估沽孤姑鼓古蛊骨谷股故顾固雇;gua:刮瓜剐寡挂褂;guai:乖拐怪;guan:棺关官冠观管馆罐惯灌贯;" +
  "guang:光广逛;gui:瑰规圭硅归龟闺轨鬼诡癸桂柜跪贵刽;gun:辊滚棍;guo:锅郭国果裹过;ha:蛤哈;hai:骸孩海氦亥害骇还咳;han:酣憨邯韩含涵寒函喊罕翰撼捍旱憾悍焊汗汉;" +
  "hang:夯杭航;hao:镐壕嚎豪毫郝好耗号浩;he:呵喝荷菏核禾和何合盒阂河涸赫褐鹤贺;hei:嘿黑;hen:痕很狠恨;heng:哼亨横衡恒桁;hong:轰哄烘虹鸿洪宏弘红;hou:喉侯猴吼厚候后;" +
  "hu:呼乎忽瑚壶葫胡蝴狐糊湖弧虎唬护互沪户;hua:花哗华猾滑画划化话;huai:槐徊怀淮坏;huan:欢环桓缓换患唤痪豢焕涣宦幻;huang:荒慌黄磺蝗簧皇凰惶煌晃幌恍谎;" +
  "hui:灰挥辉徽恢蛔回毁悔慧卉惠晦贿秽会烩汇讳诲绘;hun:荤昏婚魂浑混;huo:豁活伙火获或惑霍货祸;" +
  "ji:击圾基机畸稽积箕肌饥迹激讥鸡姬绩缉吉极棘辑籍集及急疾汲即嫉级挤几脊己蓟技冀季伎祭剂悸济寄寂计记既忌际妓继纪;jia:嘉枷夹佳家加荚颊贾甲钾假稼价架驾嫁;" +
  "jian:歼监坚尖笺间煎兼肩艰奸缄茧检柬碱硷拣捡简俭剪减荐鉴践贱见键箭件健舰剑饯渐溅涧建;jiang:僵姜将浆江疆蒋桨奖讲匠酱降;jiao:蕉椒礁焦胶交郊浇骄娇嚼搅铰矫侥脚狡角饺缴绞剿教酵轿较叫窖;" +
  "jie:揭接皆秸街阶截劫节杰捷睫竭洁结解姐戒藉芥界借介疥诫届;jin:巾筋斤金今津襟紧锦仅谨进靳晋禁近烬浸尽劲;jing:荆兢茎睛晶鲸京惊精粳经井警景颈静境敬镜径痉靖竟竞净;jiong:炯窘;" +
  "jiu:揪究纠玖韭久灸九酒厩救旧臼舅咎就疚;ju:桔鞠拘狙疽居驹菊局矩举沮聚拒据巨具距踞锯俱句惧炬剧橘;juan:捐鹃娟倦眷卷绢;jue:撅攫抉掘倔爵觉决诀绝;jun:均菌钧军君峻俊竣浚郡骏;" +
  "ka:喀咖卡;kai:开揩楷凯慨;kan:槛刊堪勘坎砍看;kang:康慷糠扛抗亢炕;kao:考拷烤靠;ke:坷苛柯棵磕颗科壳可渴克刻客课;ken:肯啃垦恳;keng:坑吭;kong:空恐孔控;" +
  "kou:抠口扣寇;ku:枯哭窟苦酷库裤;kua:夸垮挎跨胯;kuai:块筷侩快;kuan:宽款;kuang:匡筐狂框矿眶旷况;kui:亏盔岿窥葵奎魁傀馈愧溃;kun:坤昆捆困;kuo:括扩廓阔;" +
  "la:垃拉喇蜡腊辣啦;lai:莱来赖;lan:蓝婪栏拦篮阑兰澜谰揽览懒缆烂滥;lang:琅榔狼廊郎朗浪;lao:捞劳牢老佬姥酪烙涝;le:勒乐;lei:雷镭蕾磊累儡垒擂肋类泪;leng:棱楞冷;" +
  "li:厘梨犁黎篱狸离漓理李里鲤礼莉荔吏栗丽厉励砾历利傈例俐痢立粒沥隶力璃哩;lian:联莲连镰廉怜涟帘敛脸链恋炼练;liang:粮凉梁粱良两辆量晾亮谅;liao:撩聊僚疗燎寥辽潦了撂镣廖料;" +
  "lie:列裂烈劣猎;lin:琳林磷霖临邻鳞淋凛赁吝拎遴;ling:玲菱零龄铃伶羚凌灵陵岭领另令;liu:溜琉榴硫馏留刘瘤流柳六;long:龙聋咙笼窿隆垄拢陇;lou:楼娄搂篓漏陋;" +
  "lu:芦卢颅庐炉掳卤虏鲁麓碌露路赂鹿潞禄录陆戮;luan:峦挛孪滦卵乱;lun:抡轮伦仑沦纶论;luo:萝螺罗逻锣箩骡裸落洛骆络;lv:驴吕铝侣旅履屡缕虑氯律率滤绿;lve:掠略;" +
  "ma:妈麻玛码蚂马骂嘛吗;mai:埋买麦卖迈脉;man:瞒馒蛮满蔓曼慢漫谩;mang:芒茫盲氓忙莽;mao:猫茅锚毛矛铆卯茂冒帽貌贸;mei:玫枚梅酶霉煤没眉媒镁每美昧寐妹媚;men:门闷们;" +
  "meng:萌蒙檬盟锰猛梦孟虻;mi:眯醚靡糜迷谜弥米秘觅泌蜜密幂;mian:棉眠绵冕免勉娩缅面;miao:苗描瞄藐秒渺庙妙;mie:蔑灭;min:民抿皿敏悯闽;ming:明螟鸣铭名命;" +
  "mo:貉摸摹蘑模膜磨摩魔抹末莫墨默沫漠寞陌;mou:谋某;mu:牟拇牡亩姆母墓暮幕募慕木目睦牧穆;na:拿哪呐钠那娜纳;nai:氖乃奶耐奈;nan:南男难;nao:挠脑恼闹淖;nei:馁内;" +
  "ni:妮霓倪泥尼拟你匿腻逆溺;nian:蔫拈年碾撵捻念粘辗;niang:娘酿;niao:鸟尿;nie:捏聂孽啮镊镍涅;ning:柠狞凝宁拧泞;niu:牛扭钮纽;nong:脓浓农弄;nu:奴努怒;" +
  "nuo:挪懦糯诺;nve:虐疟;ou:欧鸥殴藕呕偶沤;pa:耙啪趴爬帕怕琶;pai:拍排牌徘湃派;pan:攀潘盘磐盼畔判叛;pang:乓庞旁耪胖;pao:抛咆刨炮袍跑泡;pei:呸胚培裴赔陪配佩沛;" +
  "pen:喷盆;peng:砰抨烹澎彭蓬棚硼篷膨朋鹏捧碰;pi:辟坯砒霹批披劈琵毗啤脾疲皮匹痞僻屁譬;pian:篇偏片骗;piao:飘漂瓢票;pie:撇瞥;pin:拼频贫品聘;ping:乒坪苹萍平凭瓶评屏;" +
  "po:坡泼颇婆破魄迫粕;pu:脯扑铺仆莆葡菩蒲埔朴圃普浦谱曝瀑;qi:期欺栖戚妻七凄漆柒沏其棋奇歧畦崎脐齐旗祈祁骑起岂乞企启契砌器气迄弃汽泣讫;qia:掐恰洽;" +
  "qian:牵扦钎铅千迁签仟谦乾黔钱钳前潜遣浅谴堑嵌欠歉;qiang:枪呛腔羌墙蔷强抢;qiao:橇锹敲悄桥瞧乔侨巧鞘撬翘峭俏窍;qie:切茄且怯窃;qin:钦侵亲秦琴勤芹擒禽寝沁;" +
  "qing:青轻氢倾卿清擎晴氰情顷请庆;qiong:琼穷;qiu:秋丘邱球求囚酋泅;qu:趋区蛆曲躯屈驱渠取娶龋趣去;quan:圈颧权醛泉全痊拳犬券劝;que:缺炔瘸却鹊榷确雀;qun:裙群;" +
  "ran:然燃冉染;rang:瓤壤攘嚷让;rao:饶扰绕;re:惹热;ren:壬仁人忍韧任认刃妊纫;reng:扔仍;rong:戎茸蓉荣融熔溶容绒冗;rou:揉柔肉;ru:茹蠕儒孺如辱乳汝入褥;" +
  "ruan:软阮;rui:蕊瑞锐;run:闰润;ruo:若弱;sa:撒洒萨;sai:腮鳃塞赛;san:三叁伞散;sang:桑嗓丧;sao:搔骚扫嫂;se:瑟色涩;sha:莎砂杀沙纱傻啥煞厦;" +
  "shai:筛晒;shan:珊苫杉山删煽衫闪陕擅赡膳善汕扇缮栅;shang:墒伤商赏晌上尚裳;shao:梢捎稍烧芍勺韶少哨邵绍;she:奢赊蛇舌舍赦摄射慑涉社设;" +
  "shen:砷申呻伸身深娠绅神沈审婶甚肾慎渗什;sheng:声生甥牲升绳省盛剩胜圣;shi:师失狮施湿诗尸虱十石拾时食蚀实识史矢使屎驶始式示士世柿事拭誓逝势是嗜噬适仕侍释饰氏市恃室视试;" +
  "shou:收手首守寿授售受瘦兽;shu:蔬枢梳殊抒输叔舒淑疏书赎孰熟薯暑曙署蜀黍鼠属术述树束戍竖墅庶数漱恕;shua:刷耍;shuai:摔衰甩帅;shuan:栓拴;shuang:霜双爽;" +
  "shui:谁水睡税;shun:吮瞬顺舜;shuo:说硕朔烁;si:斯撕嘶思私司丝死肆寺嗣四伺似饲巳祀;song:松耸怂颂送宋讼诵;sou:搜艘擞嗽;su:苏酥俗素速粟僳塑溯宿诉肃;suan:酸蒜算;" +
  "sui:虽隋随绥髓碎岁穗遂隧祟;sun:孙损笋;suo:蓑梭唆缩琐索锁所;ta:塌他它她塔獭挞蹋踏;tai:胎苔抬台泰酞太态汰跆;tan:弹坍摊贪瘫滩坛檀痰潭谭谈坦毯袒碳探叹炭;" +
  "tang:汤塘搪堂棠膛唐糖倘躺淌趟烫;tao:掏涛滔绦萄桃逃淘陶讨套;teng:藤腾疼誊;ti:梯剔踢锑提题蹄啼体替嚏惕涕剃屉;tian:天添填田甜恬舔腆;tiao:调挑条迢眺跳;tie:贴铁帖;" +
  "ting:厅听烃汀廷停亭庭挺艇;tong:通桐酮瞳同铜彤童桶捅筒统痛;tou:偷投头透;tu:凸秃突图徒途涂屠土吐兔;tuan:湍团;tui:推颓腿蜕褪退;tun:囤吞屯臀;" +
  "tuo:拖托脱鸵陀驮驼椭妥拓唾;wa:挖哇蛙洼娃瓦袜;wai:歪外;wan:豌弯湾玩顽丸烷完碗挽晚皖惋宛婉万腕;wang:汪王亡枉网往旺望忘妄;" +
  "wei:威巍微危韦违桅围唯惟为潍维苇萎委伟伪尾纬未蔚味畏胃喂魏位渭谓尉慰卫;wen:瘟温蚊文闻纹吻稳紊问;weng:嗡翁瓮;wo:挝蜗涡窝我斡卧握沃;" +
  "wu:巫呜钨乌污诬屋无芜梧吾吴毋武五捂午舞伍侮坞戊雾晤物勿务悟误;xi:昔熙析西硒矽晰嘻吸锡牺稀息希悉膝夕惜熄烯溪汐犀檄袭席习媳喜洗系隙戏细;xia:瞎虾匣霞辖暇峡侠狭下夏吓;" +
  "xian:铣掀锨先仙鲜纤咸贤衔舷闲涎弦嫌显险现献县腺馅羡宪陷限线岘;xiang:相厢镶香箱襄湘乡翔祥详想响享项巷橡像向象;xiao:萧硝霄削哮销消宵淆晓小孝校肖啸笑效;" +
  "xie:楔些歇蝎鞋协挟携邪斜胁谐写械卸蟹懈泄泻谢屑;xin:薪芯锌欣辛新忻心信衅;xing:星腥猩惺兴刑型形邢行醒幸杏性姓;xiong:兄凶胸匈汹雄熊;xiu:休修羞朽嗅锈秀袖绣;" +
  "xu:墟戌需虚嘘须徐许蓄酗叙旭序恤絮婿绪续吁;xuan:轩喧宣悬旋玄选癣眩绚;xue:靴薛学穴雪血;xun:勋熏循旬询寻驯巡殉汛训讯逊迅;ya:压押鸦鸭呀丫芽牙蚜崖衙涯雅哑亚讶轧;" +
  "yan:焉咽阉烟淹盐严研蜒岩延言颜阎炎沿奄掩眼衍演艳堰燕厌砚雁唁彦焰宴谚验;yang:殃央鸯秧杨扬佯疡羊洋阳氧仰痒养样漾;yao:邀腰妖瑶摇尧遥窑谣姚咬舀药要耀钥;ye:椰噎耶爷野冶也页掖业叶曳腋夜液;" +
  "yi:一壹医揖铱依伊衣颐夷遗移仪胰疑沂宜姨彝椅蚁倚已乙矣以艺抑易邑屹亿役臆逸肄疫亦裔意毅忆义益溢诣议谊译异翼翌绎驿;yin:茵荫因殷音阴姻吟银淫寅饮尹引隐印瘾;" +
  "ying:英樱婴鹰应缨莹萤营荧蝇迎赢盈影颖硬映;yong:拥佣臃痈庸雍踊蛹咏泳涌永恿勇用;you:幽优悠忧尤由邮铀犹油游酉有友右佑釉诱又幼;" +
  "yu:迂淤于盂榆虞愚舆余俞逾鱼愉渝渔隅予娱雨与屿禹宇语羽玉域芋郁遇喻峪御愈欲狱育誉浴寓裕预豫驭;yuan:鸳渊冤元垣袁原援辕园员圆猿源缘远苑愿怨院;yue:曰约越跃岳粤月悦阅;" +
  "yun:耘云郧匀陨允运蕴酝晕韵孕;za:匝砸杂咋;zai:栽哉灾宰载再在仔;zan:咱攒暂赞;zang:赃脏葬;zao:遭糟凿藻枣早澡蚤躁噪造皂灶燥;ze:责择则泽;zeng:增憎赠;" +
  "zha:扎喳渣札铡闸眨榨乍炸诈柞;zhai:翟摘斋宅窄债寨;zhan:瞻毡詹沾盏斩崭展蘸栈占战站湛绽;zhang:樟章彰漳张掌涨杖丈帐账仗胀瘴障幛;zhao:招昭找沼赵照罩兆肇召;" +
  "zhe:遮折哲蛰辙者锗蔗这浙着;zhen:珍斟真甄砧臻贞针侦枕疹诊震振镇阵帧;zheng:蒸挣睁征狰争怔整拯正政症郑证;" +
  "zhi:芝枝支吱蜘知肢脂汁之织职直植殖执值侄址指止趾只旨纸志挚掷至致置帜峙制智秩稚质炙痔滞治窒;zhong:中盅忠钟衷终种肿重仲众;zhou:舟周州洲诌粥轴肘帚咒皱宙昼骤;" +
  "zhu:珠株蛛朱猪诸诛逐竹烛煮拄瞩嘱主著柱助蛀贮铸筑住注祝驻;zhua:抓爪;zhuan:专砖转撰赚篆;zhuang:幢桩庄装妆撞壮状;zhui:椎锥追赘坠缀;zhun:谆准;" +
  "zhuo:捉拙卓桌琢茁酌啄灼浊;zi:兹咨资姿滋淄孜紫籽滓子自渍字;zong:鬃棕踪宗综总纵;zou:邹走奏揍;zu:租足卒族祖诅阻组;zuan:钻纂;zui:咀嘴醉最罪;zun:尊遵;" +
  "zuo:昨左佐做作坐座";

/**
 * Japanese homophones: a Japanese question is typed in kana and converted to kanji by the input method, and a kanji of
 * another word with the same reading is a common slip (更親 for 更新, 申清 for 申請, 設率 for 設立, 照明書 for 証明書,
 * 一時居住称 for 一時居住証). Grouped here: the jōyō kanji (Unihan kJoyoKanji, the 2,136 of the 2010 Cabinet notice) by
 * their on-readings (Unihan kJapaneseOn; Unicode 15.0, Unihan database, Unicode License), groups of one left out
 * (267 readings). A pair the index has never seen is read as the pair one such kanji away that most documents hold
 * (Searcher.analyzeQuery), as a Chinese pair is by its pinyin.
 */
const ON_GROUPS =
  "a:亜雅;ai:哀喝愛挨曖;aku:厄悪握;an:安暗案行闇陰;atsu:亜圧;ba:婆罵馬魔麻;bai:倍唄埋培売媒敗枚某梅毎皿貝買賠陪;baku:博幕暴漠爆縛脈膜貌麦;ban:万伴判晩板満番盤般蛮;" +
  "batsu:伐抜末罰閥;ben:便免勉平弁眠綿面;betsu:別滅蔑;bi:備味尾微未眉美魅鼻;bin:便敏瓶縄貧頻;bo:募墓慕暮模母簿;boku:僕墨撲木朴牧目睦;bon:凡煩犯盆門飯;botsu:勃没;" +
  "bou:乏亡傍冒剖坊妄妨媒帽忘忙房暴望某棒母毛猛猫畝盲矛紡網肪膨茂謀貌貿防;bu:不侮分奉武歩無符舞負部霧;bun:分問文紋聞蚊;butsu:仏物;byou:妙描猫病秒苗;chaku:嫡摘着箸著;" +
  "chi:値地徴恥持植池治痴知祉稚緻置致遅;chiku:畜竹築蓄逐;chin:亭塡朕枕沈珍賃鎮陣陳;chitsu:秩窒;cho:祝箸緒著貯都;choku:値勅捗直;" +
  "chou:丁丈亭停兆嘲塚帳庁弔張彫徴懲挑朝潮澄灯町畳眺聴腸訂調貼超跳重釣長頂鳥;chu:株駐;chuu:中仲宙忠抽昼柱沖注肘虫衷酎鋳駐;da:唾堕妥惰打蛇那駄;dai:代内台大奈弟待提第能題駄;daku:濁諾;" +
  "dan:但南団壇弾断暖段男胆談;datsu:奪税脱;den:伝殿田綻電;do:努土奴度怒;doku:毒特独読;don:曇貪鈍;dou:働動同堂導憧洞瞳童耐胴脳藤農道銅;e:会依回恵潰絵衛衣;" +
  "ei:営影映景栄永泳英蛍衛詠鋭;eki:役易液疫益訳釈駅;en:俺円員園垣塩媛宛宴延怨援沿淡演炎煙猿縁羨艶遠鉛;etsu:咽悦税脱説謁越閲;fu:不付夫婦富布府怖扶敷普歩浮父符缶腐膚訃譜負賦赴釜阜附風;" +
  "fuku:伏副幅復服福腹複覆;fun:分噴墳奮憤粉紛雰頒;futsu:不払沸費;fuu:伏夫富封汎覆豊風;ga:何厄我牙瓦画芽苛賀雅餓;gai:刈劾外害崖慨概涯蓋街該骸;gaku:学岳楽額顎;" +
  "gan:丸元含岩岸玩眼頑顔願;gatsu:合月;ge:下夏外牙芽解;gei:児芸詣迎鯨;geki:劇撃激逆隙;gen:乾元原厳嫌幻弦患拳減源玄現眼舷言還限頑顔顕願験;gi:伎偽儀宜岐戯技擬棋欺犠疑義議;gin:吟言銀;" +
  "go:互五午后呉娯後御悟期碁語誤護;goku:極獄玉;gon:勤厳権眼禁芸言銀魂;gou:偶傲剛号合強拷業硬豪郷項;gu:具惧愚救旧球虞隅;gun:群軍郡;guu:偶宮遇隅;gyaku:劇虐逆額;gyo:御漁語魚;" +
  "gyou:仰凝刑形暁業蛍行;ha:伯把波派破覇;hachi:八鉢;hai:俳北培妃廃拝排敗杯罷肺背貝賠輩配陪;haku:伯剝博拍撲泊白百簿縛舶薄覇迫;han:伴凡判半反坂帆搬斑板氾汎煩版犯班畔番盤範繁翻般藩販返阪頒飯;" +
  "hatsu:八抜法発罰般鉢閥髪;hei:丙並併兵坪塀幣平弊批柄瓶病蔽評閉陛餅;heki:壁璧癖;hen:偏変弁片編辺返遍;hetsu:弊閉;hi:不卑否妃彼悲扉批披比泌波疲皮碑秘罷肥被費避非飛鼻;hin:品浜貧賓頻;" +
  "hitsu:匹必泌筆;ho:保哺怖扶捕捗普歩浦父畝舗補譜部;hoku:北撲朴;hon:体反品奔本盆翻返;hotsu:勃払法発;hou:保俸倣傍包培報奉宝封峰崩房抱放方棒棚汎法泡砲紡縫肪胞膨芳蜂褒訪豊邦部防附飽;" +
  "hyaku:百迫;hyou:丙俵兵坪平拍柄標氷漂票表評餅;i:以位依偉医台唯囲委威尉彙意慰施易椅為畏異移維緯胃萎蛇衣違遺;ichi:一壱逸;in:印咽員因均姻引淫院陰隠音韻飲;itsu:一壱失汽迭逸;ja:社蛇謝邪;" +
  "jaku:寂弱着笛若著;ji:事二仕似侍児地士字寺弐慈持時次治滋璽磁示耳自茨詞辞除飼餌;jiki:直食;jiku:軸逐;jin:人仁刃妊尋尽朕沈甚神腎臣賃迅進陣陳;jitsu:十実尼日;jo:助叙女如序徐除;" +
  "jou:丈上乗停兆冗剰城場壌娘嬢定常情成捻摂条浄溺濃状畳盛紹縄耳蒸誠譲貞醸錠静;ju:儒入受呪寿就従授樹殊訟需;juku:塾熟;jun:准巡循旬殉準潤盾純遵順;jutsu:術述;" +
  "juu:住充入十寿従拾柔汁渋獣縦習肉襲重銃集;ka:下仮何佳価個偽加化可和嚇夏嫁家寡掛暇果架歌河渦火禍科稼箇花苛荷菓華誇課貨賀過鍋靴;kachi:葛褐;" +
  "kai:介会回塊壊届快怪悔慨懐戒拐掛改械楷概海潰灰界皆絵肯蓋街解計話該諧賄開階骸;kaku:各嚇客拡核格殻獲画確穫覚角較郭酷閣隔革鶴;" +
  "kan:串乾冠刊勘勧喚堪完官寒寛巻干幹患感慣憾換敢棺款歓汗減漢環甘甲監看管簡紺緩缶肝艦観貫還鑑閑間関限陥韓館;katsu:割合喝害括活渇滑葛褐越轄;ke:仮化嫁家懸気華;" +
  "kei:京係傾兄刑啓型境契形径恵慶憩憬掲携敬景渓稽競系経結継茎蛍計詣警軽鏡頃驚鶏;keki:劇喫撃激隙;ken:乾件倹健兼券剣圏堅嫌巻建憲懸拳暖検権犬献玄現県研絹繭肩舷見謙賢身軒遣鍵閑間関陥険顕験;" +
  "ketsu:傑掲欠決潔穴結血;ki:乞亀企伎危喜器基埼奇姫季寄居岐崎己希帰幾忌戯揮旗既期机枝棄棋機欺毀気汽犠畿碁示祈紀肌虫規記貴起軌輝頃飢騎鬼;kiku:畜菊蓄;kin:亀京今僅勤吟均巾斤琴禁筋緊菌襟訓謹軽近金錦;" +
  "kitsu:吉喫詰;ko:互個去古呼固孤家己庫弧戸拠故枯湖火箇股虎虚許誇護錮雇顧鼓;koku:克刻可告国殻石穀角谷酷黒;kon:今卵困墾婚建恨懇昆根混献痕禁筋紺芸近金魂;kotsu:乞掘滑窟骨;" +
  "kou:交仰侯候光公功効勾区厚口句后向告喉坑好孔孝尻岡岬峡工巧幸広康後恒慌抗拘拷控攻教更校格桁梗構横橋江洪港溝甲皇硬稿紅絞綱考耕耗肯脅興航茎荒蓋虹行衡覚講豪貢購較郊酵鉱鋼降項香高黄;" +
  "ku:久九休供具区口句娯工庫惧拒拘紅苦貢遇駆駒;kun:勲君群薫訓軍輝郡;kutsu:堀屈掘窟;kyaku:却客格脚隙;kyo:去居巨拒拠挙据虚裾許距車;kyoku:局曲極獄革;" +
  "kyou:交享京供兄共凶協叫向境孝峡強恐恭慶招挟教敬暁校梗橋況狂狭疑県矯競経絞給胸脅脇興警軽郷鏡響頃頰香驚;kyuu:丘久九亀休及吸嗅宮弓急救旧朽求泣球畜究窮糾級給脅臭臼;ma:摩磨馬魔麻;mai:埋売妹媒昧枚毎米;" +
  "maku:幕膜;man:万慢満漫;matsu:抹末;me:米馬;mei:冥名命明盟謎迷銘鳴;men:免綿面麺;mi:味弥未眉美魅;min:敏民眠;mitsu:密蜜;mo:募模母茂貿;moku:墨木牧目睦黙;" +
  "mon:問文紋聞門;mou:亡妄帽忙望毛猛盟盲網耗;mu:務夢武無矛舞謀霧;myou:名命妙明猫皿苗銘;na:奈納那;nan:南男軟難;nen:年念捻然燃粘軟;ni:二仁児尼弐;niku:肉辱;nin:人仁任妊忍認;" +
  "nou:悩濃納能脳農;nu:奴怒;nyaku:弱若;nyo:女如;nyou:女娘寧尿溺;nyuu:乳入柔;o:悪汚;oku:億屋憶沃臆;on:園怨恩温穏遠闇陰隠音飲;ou:亜凹区央奥往応押旺桜横欧殴王皇翁黄;" +
  "ra:果羅裸;rai:戻来瀬礼雷頼類;raku:楽絡落酪;ran:乱卵嵐欄浪濫藍覧;ratsu:拉辣;rei:令例冷列励戻涙礼鈴隷零霊領麗齢;reki:暦歴;ren:廉恋練連錬鎌;retsu:例列劣烈裂;" +
  "ri:利吏履梨理璃痢裏里離麗;riku:六陸;rin:倫厘林臨論輪鈴隣;ritsu:律慄率立;ro:侶呂炉賂路露;roku:六慮緑角録陸鹿麓;rou:労廊弄拉朗楼浪滝漏竜籠糧老郎;ru:流瑠留;rui:塁涙累雷類;" +
  "ryaku:歴略;ryo:侶呂慮旅虜録;ryoku:力緑;ryou:両了令僚寮料涼漁猟療瞭竜糧良量鈴陵霊領;ryuu:柳流瑠留硫立竜粒隆;sa:佐作再唆左差挫査沙砂茶衰詐鎖;" +
  "sai:催債再切塞妻宰彩才採撮斉斎最栽歳殺済災砕祭粋細罪菜裁西財責載采際;saku:作冊削捉搾昨柵策索酢錯;san:三傘参山惨散斬杉柵桟残産算蚕賛選酸;satsu:冊刷刹察拶撮擦早札殺;se:世勢施;" +
  "sechi:刹察節設;sei:世丼井凄制勢声姓婿征性情成政整斉星晴正歳浄清済牲生盛省精細聖製西証誓誠請逝醒青静;seki:借刺夕寂射尺席惜戚拓斥昔析潟石積籍績脊責赤跡適隻;" +
  "sen:串仙先全前千占宣専山川戦扇旋染栓桟泉洗浅漸潜煎箋線繊繕羨腺膳船薦詮践遷選還銭鮮;setsu:切契折拙接摂殺準窃節舌設説逝雪;sha:且予借写卸射捨斜沙煮砂社者舎謝赦車遮邪;shaku:借尺惜昔析爵石籍赤跡酌釈;" +
  "shi:事仕伺使刺史司喜嗣四堤士姉始姿子寺差市師志思恣指摯支施旨是時枝柿次止歯死氏滋漬璽矢磁示祉私積糸紙紫織肢脂自至芝茨視詞試詩誌諮識資賜辞雌食飼;shichi:七質;shiki:式拭織職色識;" +
  "shin:伸侵信参唇娠寝審心慎振新森沈津浸深甚申真神紳臣芯薦薪親診請身辛迅進針震;shitsu:七執失嫉実室湿漆疾膝質;sho:且処初助庶所暑書煮狙礎組緒署諸野阻;shoku:側即嘱属式拭植殖続織職色触識足食飾;" +
  "shou:上丼乗井傷像償削勝匠升召向咲唱商声奨姓宵将小少尚常床彰従性憧承抄招挟掌政昇星昭晶松様正沼洋消清渉湯焦焼照牲生症相省硝礁祥称章笑箱粧精紹縦聖肖腫荘葉衝装訟証詔詳請象賞踪鐘障青;" +
  "shu:主修取守属手数朱枢株殊狩珠種終腫舟衆走趣輸酒須首;shuku:叔宿淑祝粛縮蹴;shun:俊准旬春瞬純迅遵順;shuu:修充収受周呪囚執宗宿寿就崇州愁拾狩痩祝秀秋終羞習臭舟衆袖襲蹴週酬醜銃集首;" +
  "so:初塑想所措曽狙疎礎祖租粗素組訴遡錯阻;soku:促側則即塞息戚捉束測触趣足速;son:存孫寸尊損村遜;sotsu:卒帥率;" +
  "sou:争倉僧創双喪増壮奏奨宗将層巣彰想扱承挿捜掃操族早曹曽桑槽滝燥爪爽痩相窓箱総繰臓草荘葬藻装贈走趣踪送遭霜騒;su:主子守寿州数素須;sui:出剤吹垂帥推椎水炊睡穂粋衰誰遂酔随髄;suu:崇数枢足;" +
  "ta:他多大太妥池汰茶駄;tai:代体台堆大太対帝帯待怠態戴替汰泰滞耐胎脱袋諦貸追退逮邸鋭隊駄;taku:卓宅度択拓摘沢濯託;tan:丹丼但単反嘆堪壇弾担探旦曇段淡炎炭短端綻胆誕談鍛;" +
  "tei:丁亭低体停偵呈堤定帝庁底庭廷弟打抵提替灯町程締聴艇訂諦貞逓逮邸錠頂;teki:嫡弔摘敵滴的笛躍適;ten:伝典厘塡天展店殿添点田蚕貼転鎮電;tetsu:哲徹撤窒迭鉄;to:吐図土塗妬度徒斗渡登賭途都頭;" +
  "toku:匿得徳毒特督篤職読貸;ton:団屯盾純豚貪退鈍頓;totsu:凸突頓;tou:丁倒党冬凍刀到同唐嘲囲堂塔島当悼愉憧投挑搭斗東桃棟洞湯灯痘痛登盗瞳稲童等筒答糖納統胴藤討読謄豆跳踏逃透通道銅闘陶頭騰;tsu:通都;" +
  "tsui:堆墜対椎追隊;tsuu:痛通;u:優右宇有羽芋雨;un:怨温芸運雲韻;wa:和話;wan:湾腕貫関;ya:冶夜邪野;yaku:厄役疫益約薬訳躍;yo:与予余誉預;yoku:億抑欲沃浴翌翼臆谷;" +
  "you:妖容幼庸影応揚揺擁映曜栄桜様永洋湧溶用瘍窯縄羊腰葉要詳謡踊陶陽養;yu:喩愉油由癒裕諭輸遊;yui:唯由維遺;yuu:優勇又友右幼幽悠憂有油湧熊猶由融裕誘遊郵雄;za:座挫;zai:剤在才斉材罪財;" +
  "zan:惨斬暫残漸;zei:税誓説;zen:全前善漸然燃禅繕膳軟銭;zetsu:熱絶舌;zoku:俗属族続賊;zou:像増憎臓蔵象贈造雑;zu:図豆途頭;zui:遂随髄";

let bySound: Map<string, string[]> | null = null;
let byOnReading: Map<string, string[]> | null = null;

/** Each character's homophones in `groups` (itself left out). */
function soundTable(groups: string): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const group of groups.split(";")) {
    const chars = [...group.slice(group.indexOf(":") + 1)];
    for (const c of chars) {
      const known = table.get(c) ?? [];
      for (const o of chars) if (o !== c && !known.includes(o)) known.push(o);
      table.set(c, known);
    }
  }
  return table;
}

/** Each character's homophones (itself left out). */
function homophones(): Map<string, string[]> {
  bySound ??= soundTable(GROUPS);
  return bySound;
}

/** Each jōyō kanji's homophones by its on-readings (ON_GROUPS; itself left out). */
function onHomophones(): Map<string, string[]> {
  byOnReading ??= soundTable(ON_GROUPS);
  return byOnReading;
}

/** The pairs one character away in `table` from a pair of Han characters; empty for anything else. */
function variantsIn(pair: string, table: Map<string, string[]>): string[] {
  const chars = [...pair];
  if (chars.length !== 2 || !/^\p{Script=Han}{2}$/u.test(pair)) return [];
  const out: string[] = [];
  chars.forEach((ch, i) => {
    for (const o of table.get(ch) ?? []) out.push(i === 0 ? `${o}${chars[1]}` : `${chars[0]}${o}`);
  });
  return out;
}

/** The pairs one homophone away from a pair of Chinese characters (护招 → 护照, 户招…); empty for anything else. */
export function homophoneVariants(pair: string): string[] {
  return variantsIn(pair, homophones());
}

/**
 * The pairs one kanji of the same on-reading away from a pair of kanji (更親 → 更新, 申清 → 申請, 設率 → 設立); empty
 * for anything else: see ON_GROUPS.
 */
export function onReadingVariants(pair: string): string[] {
  return variantsIn(pair, onHomophones());
}

/**
 * The pairs with both kanji of a pair of kanji typed with another of the same on-reading (公信 → 更新, 航進 → 更新: こう
 * and しん each converted to another kanji); empty for anything else: see ON_GROUPS.
 */
export function onReadingPairs(pair: string): string[] {
  const chars = [...pair];
  if (chars.length !== 2 || !/^\p{Script=Han}{2}$/u.test(pair)) return [];
  const table = onHomophones();
  const out: string[] = [];
  for (const a of table.get(chars[0] as string) ?? [])
    for (const b of table.get(chars[1] as string) ?? []) out.push(`${a}${b}`);
  return out;
}
