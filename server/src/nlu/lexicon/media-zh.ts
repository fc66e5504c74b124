// Broadcasting: mainland television channels (CCTV's channels by number and name, every province's satellite
// channel, the national children's and specialty channels) and radio stations (the national stations and the
// kinds of local station every city has). Source: written by the Lingxi project from general knowledge.

/** Television channels. */
export const TV_CHANNELS = `
中央台 央视 中央电视台 中央一台 中央二台 中央三台 中央四台 中央五台 中央六台 中央七台 中央八台 中央九台 中央十台
中央十一台 中央十二台 中央十三台 中央十四台 中央十五台 中央新闻 央视综合 央视财经 央视综艺 央视体育 央视电影
中文国际 体育频道 电影频道 综艺频道 财经频道 新闻频道 少儿频道 音乐频道 戏曲频道 纪录频道 科教频道 军事频道 农业频道
国防军事 电视剧频道 社会与法 体育赛事频道 风云足球 风云音乐 风云剧场 第一剧场 怀旧剧场
兵器科技 高尔夫网球 央视文化精品 电视指南 凤凰卫视 凤凰中文 凤凰资讯 翡翠台 明珠台 星空卫视 东森
北京卫视 天津卫视 东方卫视 重庆卫视 河北卫视 山西卫视 内蒙古卫视 辽宁卫视 吉林卫视 黑龙江卫视 江苏卫视 浙江卫视
安徽卫视 东南卫视 福建卫视 江西卫视 山东卫视 河南卫视 湖北卫视 湖南卫视 广东卫视 广西卫视 海南卫视 旅游卫视 四川卫视
贵州卫视 云南卫视 西藏卫视 陕西卫视 甘肃卫视 青海卫视 宁夏卫视 新疆卫视 兵团卫视 深圳卫视 厦门卫视 南方卫视 延边卫视
康巴卫视 安多卫视 教育台 卡酷少儿 卡酷动画 金鹰卡通 炫动卡通 哈哈炫动 嘉佳卡通 优漫卡通 卫视
卫视台 地方台 都市频道 影视频道 公共频道 经济频道 生活频道 新闻综合 法治频道 购物频道 导视频道 高清频道 数字频道
`;

/** Radio stations. */
export const RADIO_STATIONS = `
中国之声 经济之声 音乐之声 经典音乐广播 中华之声 神州之声 华夏之声 文艺之声 老年之声 香港之声 中国乡村之声 轻松调频
环球资讯广播 中国国际广播电台 中央人民广播电台 国际台 交通广播 交通台 音乐广播 音乐台 新闻广播 新闻台 文艺广播 故事广播
经济广播 都市广播 私家车广播 城市广播 体育广播 戏曲广播 评书广播 农村广播 电台 广播电台
`;
