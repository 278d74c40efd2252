/** Word lists for generated names and titles. Everything built from them is fictional. */
import type { CivilProviderKind } from '../network.types';

/** Family names weighted roughly by frequency, so 김/이/박 dominate as in real rosters. */
export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['김', 21], ['이', 15], ['박', 8], ['최', 5], ['정', 4], ['강', 2], ['조', 2], ['윤', 2], ['장', 2], ['임', 2],
  ['한', 1], ['오', 1], ['서', 1], ['신', 1], ['권', 1], ['황', 1], ['안', 1], ['송', 1], ['전', 1], ['홍', 1],
  ['유', 1], ['고', 1], ['문', 1], ['양', 1], ['손', 1], ['배', 1], ['백', 1], ['허', 1], ['남', 1], ['노', 1],
];

export const GIVEN_NAME_SYLLABLES = [
  '민', '서', '지', '현', '수', '영', '준', '은', '혜', '진', '하', '윤', '우', '경', '성', '주', '정', '희', '연', '재',
  '아', '원', '예', '소', '다', '유', '태', '승', '미', '선', '상', '동', '시', '채', '도', '나', '빈', '율', '호', '훈',
  '규', '석', '혁', '인', '란', '숙', '순', '철', '환', '건',
] as const;

/** Plain Korean words that organisations like to be called by. */
export const ORGANISATION_WORDS = [
  '한빛', '다온', '새롬', '마루', '누리', '가람', '한울', '라온', '미리내', '도담', '아름', '햇살', '푸른숲', '별빛',
  '이음', '나래', '모두', '함께', '오름', '바른', '늘봄', '다솜', '해밀', '여울', '솔빛', '하늘', '새싹', '꿈터',
  '보람', '나눔', '어울림', '슬기', '은하수', '소나무', '느티나무', '마중물', '징검다리', '두레', '품앗이', '들꽃',
  '씨앗', '책마루', '새벽', '지혜', '열린', '샘터', '길동무', '온누리', '한마음', '디딤돌', '무지개', '봄날',
] as const;

/** Name patterns of civil providers; the kind follows from the legal form in the name. */
export const CIVIL_PROVIDER_NAMES: readonly (readonly [CivilProviderKind, (word: string) => string])[] = [
  ['COOPERATIVE', (word) => `${word} 평생교육협동조합`],
  ['COOPERATIVE', (word) => `${word} 사회적협동조합`],
  ['COOPERATIVE', (word) => `${word} 마을교육협동조합`],
  ['NONPROFIT', (word) => `(사)${word} 평생교육연구소`],
  ['NONPROFIT', (word) => `(사)${word} 교육문화협회`],
  ['NONPROFIT', (word) => `${word} 평생학습지원센터`],
  ['SOCIAL_ENTERPRISE', (word) => `사회적기업 ${word}`],
  ['SOCIAL_ENTERPRISE', (word) => `${word} 배움 사회적기업`],
  ['ACADEMY', (word) => `${word} 아카데미`],
  ['ACADEMY', (word) => `${word} 문화아카데미`],
  ['ACADEMY', (word) => `${word} 배움학교`],
  ['UNIVERSITY_EXTENSION', (word) => `${word}대학교 평생교육원`],
  ['UNIVERSITY_EXTENSION', (word) => `${word}대학교 미래교육원`],
  ['COMMUNITY_GROUP', (word) => `${word} 배움공동체`],
  ['COMMUNITY_GROUP', (word) => `${word} 마을학교`],
  ['COMMUNITY_GROUP', (word) => `${word} 학습동아리연합`],
];

export interface SpaceKind { name: string; minCapacity: number; maxCapacity: number }

export const SCHOOL_SPACES: readonly SpaceKind[] = [
  { name: '시청각실', minCapacity: 60, maxCapacity: 200 },
  { name: '다목적실', minCapacity: 30, maxCapacity: 120 },
  { name: '컴퓨터실', minCapacity: 20, maxCapacity: 40 },
  { name: '체육관', minCapacity: 100, maxCapacity: 300 },
  { name: '음악실', minCapacity: 20, maxCapacity: 40 },
  { name: '미술실', minCapacity: 20, maxCapacity: 36 },
];

export const LIBRARY_SPACES: readonly SpaceKind[] = [
  { name: '세미나실', minCapacity: 12, maxCapacity: 40 },
  { name: '강의실', minCapacity: 20, maxCapacity: 60 },
  { name: '문화교실', minCapacity: 15, maxCapacity: 40 },
  { name: '시청각실', minCapacity: 40, maxCapacity: 120 },
  { name: '동아리실', minCapacity: 12, maxCapacity: 20 },
];

export const CULTURAL_SPACES: readonly SpaceKind[] = [
  { name: '소강당', minCapacity: 60, maxCapacity: 200 },
  { name: '강의실', minCapacity: 20, maxCapacity: 60 },
  { name: '전시실', minCapacity: 30, maxCapacity: 120 },
  { name: '세미나실', minCapacity: 12, maxCapacity: 40 },
  { name: '공연연습실', minCapacity: 15, maxCapacity: 50 },
];

export const CENTER_SPACE: SpaceKind = { name: '주민센터 교육실', minCapacity: 15, maxCapacity: 40 };

/**
 * Topics per field beyond the classification's own examples, so that titles
 * vary and read like a district catalogue.
 */
export const EXTRA_TOPICS: Record<string, readonly string[]> = {
  '1-1': ['한글 기초', '받아쓰기', '한글 읽기·쓰기'],
  '1-2': ['생활 속 한글', '키오스크 사용법', '은행·병원 이용하기'],
  '1-3': ['한글 중급', '어르신 한글'],
  '2-1': ['초등 검정고시', '초등 교과 복습'],
  '2-2': ['중졸 검정고시', '고졸 검정고시'],
  '2-3': ['학점은행', '독학학위'],
  '3-1': ['창업 준비', '바리스타', '이력서 쓰기', '스마트스토어 창업', '면접 준비'],
  '3-2': ['컴퓨터활용능력', '한국사능력검정', '요양보호사', '방과후 지도사'],
  '3-3': ['엑셀 실무', '디지털 마케팅', '업무 글쓰기', '협상과 소통'],
  '4-1': ['요가', '필라테스', '탁구', '라인댄스', '배드민턴', '숲길 걷기'],
  '4-2': ['캘리그라피', '가죽공예', '천연비누 만들기', '꽃꽂이', '제과제빵', '뜨개질', '생활목공'],
  '4-3': ['수채화', '통기타', '우쿨렐레', '합창', '민화', '도자기', '영상 제작'],
  '5-1': ['마음 건강', '명상', '부모교육', '건강한 식생활', '노년 건강', '웃음 치료'],
  '5-2': ['스마트폰 활용', '생활영어', '생활 중국어', '생활 일본어', '디지털 기초', '유튜브 만들기'],
  '5-3': ['고전 읽기', '서울 역사', '독서토론', '생활 경제', '천문학', '미술사'],
  '6-1': ['기후위기 대응', '우리 동네 역사 해설', '다문화 이해', '미디어 리터러시'],
  '6-2': ['마을 리더', '퍼실리테이터 양성', '주민자치 리더'],
  '6-3': ['제로웨이스트', '마을 정원 가꾸기', '마을 기록', '공동체 텃밭', '동네 돌봄'],
  '7': ['진로 설계', '인생 2막 설계', '신중년 진로 탐색', '경력 전환', '커리어 코칭'],
};

/** Who a program is pitched at, for titles like "시니어 스마트폰 활용". */
export const AUDIENCES = ['시니어', '직장인', '청년', '중장년', '어르신', '부모와 함께하는', '초보자를 위한', '1인 가구를 위한'] as const;

export const COMMUNITY_SUFFIXES = ['학습동아리', '공부모임', '연구회', '동아리', '배움모임'] as const;

export const CITY_CONSULTING_NOTES = [
  '동네배움터 맞춤형 컨설팅',
  '학습공동체 활성화 컨설팅',
  '프로그램 기획 컨설팅',
  '주민 학습수요 조사 컨설팅',
] as const;

/** English for every topic stem of the classification's examples and EXTRA_TOPICS, for English titles. */
export const TOPICS_EN: Record<string, string> = {
  '한글': 'Hangeul', '다문화 한국어': 'Korean for Multicultural Families', '한글 기초': 'Hangeul Basics',
  '받아쓰기': 'Dictation', '한글 읽기·쓰기': 'Hangeul Reading and Writing', '다문화 생활': 'Multicultural Living',
  '한글응용': 'Applied Hangeul', '생활 속 한글': 'Everyday Hangeul', '키오스크 사용법': 'Using Kiosks',
  '은행·병원 이용하기': 'Banks and Hospitals Made Easy', '한글 중급': 'Intermediate Hangeul', '어르신 한글': 'Hangeul for Seniors',
  '초등교과연계': 'Elementary Curriculum', '중입검정고시': 'Middle School Entrance GED', '초등 검정고시': 'Elementary GED',
  '초등 교과 복습': 'Elementary Subject Review', '중등교과연계': 'Secondary Curriculum', '고입검정고시': 'High School Entrance GED',
  '대입검정고시': 'University Entrance GED', '진로': 'Career Paths', '중졸 검정고시': 'Middle School GED',
  '고졸 검정고시': 'High School GED', '독학사': 'Bachelor Self-Study', '학점은행제': 'Academic Credit Bank',
  '시간제 등록': 'Part-Time Registration', '학점은행': 'Credit Bank', '독학학위': 'Self-Study Degree',
  '인력양성': 'Workforce Training', '창업': 'Start-Up', '취업준비': 'Job Seeking', '재취업': 'Re-Employment',
  '창업 준비': 'Start-Up Preparation', '바리스타': 'Barista', '이력서 쓰기': 'Resume Writing',
  '스마트스토어 창업': 'Online Store Start-Up', '면접 준비': 'Interview Preparation', '외국어자격': 'Language Certificates',
  '지도자양성': 'Instructor Training', '자격증 취득': 'Licence Preparation', '토익·토플': 'TOEIC and TOEFL',
  '컴퓨터활용능력': 'Computer Proficiency', '한국사능력검정': 'Korean History Exam', '요양보호사': 'Care Worker',
  '방과후 지도사': 'After-School Instructor', '공통직무': 'Common Job Skills', '전문직무': 'Specialised Job Skills',
  '엑셀 실무': 'Practical Excel', '디지털 마케팅': 'Digital Marketing', '업무 글쓰기': 'Business Writing',
  '협상과 소통': 'Negotiation and Communication', '생활스포츠': 'Everyday Sports', '레저활동': 'Leisure Activities',
  '요가': 'Yoga', '필라테스': 'Pilates', '탁구': 'Table Tennis', '라인댄스': 'Line Dance', '배드민턴': 'Badminton',
  '숲길 걷기': 'Forest Walking', '사진': 'Photography', '생활공예': 'Crafts', '노래': 'Singing', '요리': 'Cooking',
  '캘리그라피': 'Calligraphy', '가죽공예': 'Leathercraft', '천연비누 만들기': 'Natural Soap Making', '꽃꽂이': 'Flower Arranging',
  '제과제빵': 'Baking', '뜨개질': 'Knitting', '생활목공': 'Woodworking', '음악': 'Music', '무용': 'Dance', '미술': 'Fine Art',
  '서예': 'Brush Calligraphy', '도예': 'Ceramics', '연극·영화': 'Theatre and Film', '수채화': 'Watercolour',
  '통기타': 'Acoustic Guitar', '우쿨렐레': 'Ukulele', '합창': 'Choir', '민화': 'Folk Painting', '도자기': 'Pottery',
  '영상 제작': 'Video Making', '상담전반': 'Counselling', '종교': 'Religion', '식생활': 'Diet', '생활의료': 'Everyday Health Care',
  '이·미용': 'Hair and Beauty', '부모·인성': 'Parenting and Character', '마음 건강': 'Mental Health', '명상': 'Meditation',
  '부모': 'Parenting', '건강한 식생활': 'Healthy Eating', '노년 건강': 'Healthy Ageing', '웃음 치료': 'Laughter Therapy',
  '생활외국어': 'Everyday Foreign Languages', '생활한자': 'Everyday Chinese Characters', '컴퓨터일반': 'Computer Basics',
  '예절': 'Etiquette', '스마트폰 활용': 'Smartphone Skills', '생활영어': 'Everyday English', '생활 중국어': 'Everyday Chinese',
  '생활 일본어': 'Everyday Japanese', '디지털 기초': 'Digital Basics', '유튜브 만들기': 'YouTube Creation',
  '인문학': 'Humanities', '과학일반': 'General Science', '역사·전통': 'History and Tradition', '철학·행복학': 'Philosophy of Happiness',
  '독서': 'Reading', '경제': 'Economics', '고전 읽기': 'Reading the Classics', '서울 역사': 'History of Seoul',
  '독서토론': 'Book Discussion', '생활 경제': 'Household Economics', '천문학': 'Astronomy', '미술사': 'Art History',
  '인권': 'Human Rights', '양성평등': 'Gender Equality', '다문화이해': 'Multicultural Understanding', '환경생태': 'Ecology',
  '주민자치': 'Resident Self-Governance', '지역문화해설': 'Local Heritage Guiding', '기후위기 대응': 'Climate Action',
  '우리 동네 역사 해설': 'Neighbourhood History Guiding', '다문화 이해': 'Understanding Multiculturalism',
  '미디어 리터러시': 'Media Literacy', '지역리더양성': 'Local Leadership', '평생학습리더양성': 'Lifelong Learning Leadership',
  'NPO지도자': 'NPO Leadership', '마을 리더': 'Village Leaders', '퍼실리테이터 양성': 'Facilitator Training',
  '주민자치 리더': 'Self-Governance Leaders', '학습동아리': 'Learning Circles', '자원봉사': 'Volunteering',
  '환경실천': 'Green Living', '제로웨이스트': 'Zero Waste', '마을 정원 가꾸기': 'Community Gardening',
  '마을 기록': 'Village Archiving', '공동체 텃밭': 'Community Vegetable Plots', '동네 돌봄': 'Neighbourhood Care',
  '진로 설계': 'Career Planning', '인생 2막 설계': 'Planning Your Second Act', '신중년 진로 탐색': 'Career Exploration at Midlife',
  '경력 전환': 'Career Change', '커리어 코칭': 'Career Coaching',
};

/** AUDIENCES in English, position by position. */
export const AUDIENCES_EN: Readonly<Record<(typeof AUDIENCES)[number], string>> = {
  '시니어': 'for Seniors', '직장인': 'for Working People', '청년': 'for Young Adults', '중장년': 'for the Middle-Aged',
  '어르신': 'for Elders', '부모와 함께하는': 'with Parents', '초보자를 위한': 'for Beginners', '1인 가구를 위한': 'for Single Households',
};
